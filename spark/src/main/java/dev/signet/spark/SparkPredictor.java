package dev.signet.spark;

import dev.signet.Prediction;
import dev.signet.Predictor;
import dev.signet.core.Field;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * A predictor run over a Spark {@code Dataset}, row by row, where the data is:
 *
 * <pre>{@code
 * SparkPredictor qa = SparkPredictor.builder(() -> Predictor.of(Signet.fromEnv(), QAPredictor.SIGNATURE))
 *         .inputColumn("question", "text")          // a signature input from a column of another name
 *         .maxInFlight(64)                          // calls in flight per partition
 *         .build();
 * Dataset<Row> answered = qa.transform(questions);  // the columns of questions, then answer, then signet_*
 * }</pre>
 *
 * <p>Each input of the signature comes from the column of its name (or the one given by {@link
 * Builder#inputColumn}); each output becomes a typed column of its name (records are structs, lists and sets
 * arrays, maps maps, enums and literals strings, {@code Object} a JSON string), after the dataset's own columns.
 * Signet's columns follow: {@code signet_usage} (a struct of prompt, completion and total tokens),
 * {@code signet_latency_ms}, {@code signet_cache_hit}, {@code signet_model} (the model that answered),
 * {@code signet_error} and {@code signet_error_kind}. A row whose call fails, or whose input can't be the
 * input's type, keeps its row: its outputs are null and its error says why. Nothing is dropped.
 *
 * <p>Each executor makes its predictor once, from the serializable {@link PredictorFactory}; no Signet object is
 * serialized. A partition keeps at most {@code maxInFlight} calls in flight, asynchronously (no thread per row),
 * and holds at most that many rows. A Spark task that is retried makes its calls again: give the factory's handle a
 * cache on shared storage ({@code Cache.onDisk}) and the retry pays nothing twice. {@link Builder#callsPerSecond}
 * limits each executor's calls; the whole job's rate is that times the executors.
 *
 * <p>The prompts are the predictor's: the baked ones on the executors' class path (the application jar that holds
 * {@code META-INF/signet/prompts/}), or an artifact the factory gives the handle by path
 * ({@code signet.withArtifact(PromptArtifact.read(path))}, {@code signet.withArtifactsFrom(directory)}).
 */
public final class SparkPredictor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PredictorFactory factory;
    private final String key;
    private final LinkedHashMap<String, String> columns;
    private final int maxInFlight;
    private final double callsPerSecond;
    private final String outputPrefix;

    private SparkPredictor(Builder builder) {
        this.factory = builder.factory;
        this.key = UUID.randomUUID().toString();
        this.columns = new LinkedHashMap<>(builder.columns);
        this.maxInFlight = builder.maxInFlight;
        this.callsPerSecond = builder.callsPerSecond;
        this.outputPrefix = builder.outputPrefix;
    }

    /** A Spark predictor of the predictor {@code factory} makes. */
    public static Builder builder(PredictorFactory factory) {
        return new Builder(factory);
    }

    /**
     * The predictor over every row of {@code input}, lazily (as Spark transformations are).
     *
     * @return the rows of {@code input}, in their order, with the output and Signet columns after their own
     * @throws IllegalArgumentException when an input has no column, or an output's column would replace one
     */
    public Dataset<Row> transform(Dataset<?> input) {
        Dataset<Row> rows = input.toDF();
        SignatureDescription signature = predictor().modelSignature();
        List<String> present = List.of(rows.columns());
        for (String field : columns.keySet()) {
            if (signature.input(field).isEmpty()) {
                throw new IllegalArgumentException("inputColumn(\"" + field + "\", ...) names no input of "
                        + signature.name() + "; its inputs are "
                        + signature.inputs().stream().map(Field::name).toList());
            }
        }
        for (Field field : signature.inputs()) {
            String column = column(field.name());
            if (!present.contains(column)) {
                throw new IllegalArgumentException("The dataset has no column " + column + " for the input "
                        + field.name() + " of " + signature.name() + "; its columns are " + present
                        + (column.equals(field.name()) ? "; map another with inputColumn(\"" + field.name()
                                + "\", \"column\")" : ""));
            }
        }
        StructType schema = SparkTypes.outputSchema(rows.schema(), signature.outputs(), outputPrefix);
        return rows.mapPartitions(new Partition(this), Encoders.row(schema));
    }

    /** The predictor in this JVM (made on first use). */
    Predictor predictor() {
        return ExecutorState.predictor(key, factory);
    }

    String column(String input) {
        return columns.getOrDefault(input, input);
    }

    /**
     * The row's inputs of the signature, each from its column.
     *
     * @throws IllegalArgumentException naming the column when a value can't be its input's type
     */
    Map<String, Object> inputs(Row row, SignatureDescription signature) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Field field : signature.inputs()) {
            String column = column(field.name());
            inputs.put(field.name(), SparkTypes.fromSpark(row.get(row.fieldIndex(column)), field.type(), column));
        }
        return inputs;
    }

    String outputColumn(String output) {
        return outputPrefix + output;
    }

    /** The work of one partition, on an executor. */
    private static final class Partition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final SparkPredictor spec;

        Partition(SparkPredictor spec) {
            this.spec = spec;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Predictor predictor = spec.predictor();
            SignatureDescription signature = predictor.modelSignature();
            RateLimit limit = ExecutorState.limit(spec.key, spec.callsPerSecond);
            return new InFlight<>(rows, spec.maxInFlight, row -> start(predictor, signature, limit, row));
        }

        private CompletableFuture<Row> start(Predictor predictor, SignatureDescription signature, RateLimit limit,
                Row row) {
            long started = System.nanoTime();
            CompletableFuture<Prediction<Outputs>> call;
            try {
                Map<String, Object> inputs = spec.inputs(row, signature);
                limit.acquire();
                call = predictor.predictAsync(inputs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the rate limit", e);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            return call.handle((prediction, failure) -> output(row, signature, prediction,
                    failure == null ? null : unwrap(failure), (System.nanoTime() - started) / 1_000_000));
        }

        private static Throwable unwrap(Throwable failure) {
            Throwable cause = failure;
            while ((cause instanceof java.util.concurrent.CompletionException
                    || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }

        private static Row output(Row row, SignatureDescription signature, Prediction<Outputs> prediction,
                Throwable failure, long latencyMillis) {
            List<Object> values = new ArrayList<>(row.size() + signature.outputs().size() + 6);
            for (int i = 0; i < row.size(); i++) {
                values.add(row.get(i));
            }
            Throwable error = failure;
            List<Object> outputs = new ArrayList<>();
            if (prediction != null) {
                try {
                    for (Field field : signature.outputs()) {
                        outputs.add(SparkTypes.toSpark(prediction.outputs().asMap().get(field.name()), field.type()));
                    }
                } catch (RuntimeException e) {
                    error = e;
                }
            }
            for (int i = 0; i < signature.outputs().size(); i++) {
                values.add(error == null ? outputs.get(i) : null);
            }
            values.addAll(java.util.Arrays.asList(SignetColumns.values(error == null ? prediction : null, error,
                    latencyMillis)));
            return RowFactory.create(values.toArray());
        }
    }

    /** Builds a {@link SparkPredictor}. */
    public static final class Builder {
        private final PredictorFactory factory;
        private final Map<String, String> columns = new LinkedHashMap<>();
        private int maxInFlight = 64;
        private double callsPerSecond;
        private String outputPrefix = "";

        private Builder(PredictorFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Reads the signature's input {@code field} from {@code column} instead of the column of its name. */
        public Builder inputColumn(String field, String column) {
            columns.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(column, "column"));
            return this;
        }

        /** Calls in flight per partition (and rows held); default 64. */
        public Builder maxInFlight(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, not " + max);
            }
            this.maxInFlight = max;
            return this;
        }

        /** The most calls each executor starts per second, over all its tasks; default no limit. */
        public Builder callsPerSecond(double perSecond) {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("callsPerSecond must be positive, not " + perSecond);
            }
            this.callsPerSecond = perSecond;
            return this;
        }

        /** A prefix for the output columns' names (for a dataset that has columns of their names); default none. */
        public Builder outputPrefix(String prefix) {
            this.outputPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public SparkPredictor build() {
            return new SparkPredictor(this);
        }
    }
}
