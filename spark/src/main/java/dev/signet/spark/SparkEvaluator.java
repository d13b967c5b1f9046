package dev.signet.spark;

import dev.signet.Prediction;
import dev.signet.core.Field;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An evaluation whose predictions run on Spark: the predictor runs over the dataset on the executors (as {@link
 * SparkPredictor#transform} runs it), the rows come back to the driver, and the local {@link Evaluator} scores
 * them with the metric, so the result is the {@code EvaluationResult} a local evaluation gives: the same examples
 * in the dataset's order, the same scores, errors and usage.
 *
 * <pre>{@code
 * EvaluationResult result = SparkEvaluator.builder(qa, Metrics.exactMatch("answer")).build().evaluate(devset);
 * }</pre>
 *
 * <p>Each output of the signature that has a column of its name in the dataset (or the one given by {@link
 * Builder#labelColumn}) is an expected value; the metric runs on the driver, so it need not be serializable. A
 * prediction rebuilt on the driver has the outputs, the usage, the model, the latency and whether the cache
 * answered; not the messages or the raw reply. A row whose call failed is an example whose error is a {@link
 * LanguageModelException} of its kind, or a {@link SparkRowException} naming the kind and the message.
 */
public final class SparkEvaluator {
    private static final String LABEL = "signet_label_";

    private final SparkPredictor predictor;
    private final Metric metric;
    private final Map<String, String> labels;
    private final int maxErrors;

    private SparkEvaluator(Builder builder) {
        this.predictor = builder.predictor;
        this.metric = builder.metric;
        this.labels = new LinkedHashMap<>(builder.labels);
        this.maxErrors = builder.maxErrors;
    }

    public static Builder builder(SparkPredictor predictor, Metric metric) {
        return new Builder(predictor, metric);
    }

    /**
     * Evaluates the predictor on every row of {@code data}; the rows are collected to the driver.
     *
     * @throws dev.signet.eval.EvaluationException past {@code maxErrors} failed examples
     */
    public EvaluationResult evaluate(Dataset<?> data) {
        long start = System.nanoTime();
        SignatureDescription signature = predictor.predictor().modelSignature();
        Dataset<Row> rows = data.toDF();
        List<String> columns = List.of(rows.columns());
        Map<String, String> labelColumns = new LinkedHashMap<>();
        for (Field output : signature.outputs()) {
            String column = labels.getOrDefault(output.name(), output.name());
            if (columns.contains(column)) {
                rows = rows.withColumnRenamed(column, LABEL + output.name());
                labelColumns.put(output.name(), LABEL + output.name());
            } else if (labels.containsKey(output.name())) {
                throw new IllegalArgumentException("The dataset has no column " + column + " for the label of "
                        + output.name() + "; its columns are " + columns);
            }
        }
        if (labelColumns.isEmpty()) {
            throw new IllegalArgumentException("The dataset has no column for any output of " + signature.name()
                    + " (" + signature.outputs().stream().map(Field::name).toList() + "): nothing to score against; "
                    + "map one with labelColumn(\"output\", \"column\")");
        }
        List<Row> answered = predictor.transform(rows).collectAsList();

        List<Example> examples = new ArrayList<>(answered.size());
        Map<Example, CompletableFuture<Prediction<?>>> predictions = new IdentityHashMap<>();
        for (Row row : answered) {
            Map<String, Object> inputs = predictor.inputs(row, signature);
            Map<String, Object> expected = new LinkedHashMap<>();
            for (Field field : signature.outputs()) {
                String column = labelColumns.get(field.name());
                if (column != null) {
                    expected.put(field.name(), SparkTypes.fromSpark(row.get(row.fieldIndex(column)), field.type(),
                            column));
                }
            }
            Example example = new Example(inputs, expected);
            examples.add(example);
            predictions.put(example, prediction(row, signature));
        }
        Evaluator.Builder evaluator = Evaluator.builder().concurrency(1);
        if (maxErrors >= 0) {
            evaluator.maxErrors(maxErrors);
        }
        EvaluationResult scored = evaluator.build().evaluate(examples, predictions::get, metric);
        return new EvaluationResult(scored.results(), scored.meanScore(), scored.errors(), scored.usage(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The row's prediction, rebuilt from its columns, or its failure. */
    private CompletableFuture<Prediction<?>> prediction(Row row, SignatureDescription signature) {
        String error = row.getAs(SignetColumns.ERROR);
        if (error != null) {
            String kind = row.getAs(SignetColumns.ERROR_KIND);
            for (LanguageModelException.Kind known : LanguageModelException.Kind.values()) {
                if (known.name().equals(kind)) {
                    return CompletableFuture.failedFuture(new LanguageModelException(known, 0, error, null));
                }
            }
            return CompletableFuture.failedFuture(new SparkRowException(kind, error));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : signature.outputs()) {
            String column = predictor.outputColumn(field.name());
            values.put(field.name(), SparkTypes.fromSpark(row.get(row.fieldIndex(column)), field.type(), column));
        }
        Row usage = row.getAs(SignetColumns.USAGE);
        Completion completion = new Completion("", Objects.toString(row.getAs(SignetColumns.MODEL), ""),
                new Usage(usage.getLong(0), usage.getLong(1), usage.getLong(2)), "stop",
                row.<Boolean>getAs(SignetColumns.CACHE_HIT));
        Outputs outputs = Outputs.of(values);
        return CompletableFuture.completedFuture(new Prediction<>(signature.name(), outputs, outputs, List.of(),
                completion, Duration.ofMillis(row.<Long>getAs(SignetColumns.LATENCY)), List.of(), List.of()));
    }

    /** Builds a {@link SparkEvaluator}. */
    public static final class Builder {
        private final SparkPredictor predictor;
        private final Metric metric;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private int maxErrors = -1;

        private Builder(SparkPredictor predictor, Metric metric) {
            this.predictor = Objects.requireNonNull(predictor, "predictor");
            this.metric = Objects.requireNonNull(metric, "metric");
        }

        /** Reads the expected value of {@code output} from {@code column} instead of the column of its name. */
        public Builder labelColumn(String output, String column) {
            labels.put(Objects.requireNonNull(output, "output"), Objects.requireNonNull(column, "column"));
            return this;
        }

        /** Stops with an {@code EvaluationException} past this many failed examples; default no limit. */
        public Builder maxErrors(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxErrors must be at least 0, not " + max);
            }
            this.maxErrors = max;
            return this;
        }

        public SparkEvaluator build() {
            return new SparkEvaluator(this);
        }
    }
}
