package dev.signet.optimize;

import dev.signet.Signet;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.PromptState;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.lm.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an optimizer produced: every predictor of the program with the prompt chosen for it (in the order the
 * program calls them), the development score before and after, the LM calls made, the provenance that artifacts
 * record, and the optimizer's own report.
 */
public final class OptimizationRun {
    /**
     * The optimizer's own part of a report.
     *
     * @param summary one line: what was tried, the baseline, the winner
     * @param html a section of HTML (escaped text, no scripts) that shows the optimizer's work: every candidate
     *     or trial, the frontier, the lineage
     */
    public record Report(String summary, String html) {
        public Report {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(html, "html");
        }
    }

    private final String optimizer;
    private final List<TunedPredictor> predictors;
    private final double baselineScore;
    private final double bestScore;
    private final long lmCalls;
    private final Map<String, Object> provenance;
    private final Report report;

    private OptimizationRun(Builder builder) {
        this.optimizer = builder.optimizer;
        this.predictors = List.copyOf(builder.predictors);
        this.baselineScore = builder.baselineScore;
        this.bestScore = builder.bestScore;
        this.lmCalls = builder.lmCalls;
        this.report = builder.report != null ? builder.report
                : new Report(optimizer + ": " + predictors.size() + " predictor(s) tuned.", "");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("optimizer", optimizer);
        if (builder.seed != null) {
            values.put("seed", builder.seed);
        }
        values.put("settings", Collections.unmodifiableMap(new LinkedHashMap<>(builder.settings)));
        if (builder.train != null) {
            values.put("train", data(builder.train));
        }
        if (builder.dev != null) {
            values.put("dev", data(builder.dev));
        }
        if (!Double.isNaN(baselineScore)) {
            values.put("scoreBefore", baselineScore);
        }
        if (!Double.isNaN(bestScore)) {
            values.put("scoreAfter", bestScore);
        }
        if (builder.model != null) {
            values.put("model", builder.model);
        }
        values.put("lmCalls", lmCalls);
        values.put("usage", Map.of("promptTokens", builder.usage.promptTokens(), "completionTokens",
                builder.usage.completionTokens(), "totalTokens", builder.usage.totalTokens()));
        values.putAll(builder.extra);
        values.put("createdAt", Instant.now().toString());
        this.provenance = Collections.unmodifiableMap(values);
    }

    private static Map<String, Object> data(List<Example> examples) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("size", examples.size());
        data.put("sha256", Dataset.fingerprint(examples));
        return data;
    }

    /** @param optimizer the optimizer's name */
    public static Builder builder(String optimizer) {
        return new Builder(optimizer);
    }

    /** @return the optimizer's name */
    public String optimizer() {
        return optimizer;
    }

    /** @return each predictor with its chosen prompt, in the order the program calls them */
    public List<TunedPredictor> predictors() {
        return predictors;
    }

    /** @return the chosen prompt states by predictor name, in program order (for {@link Signet#withPrompts}) */
    public Map<String, PromptState> prompts() {
        Map<String, PromptState> prompts = new LinkedHashMap<>();
        predictors.forEach(p -> prompts.put(p.name(), p.state()));
        return Collections.unmodifiableMap(prompts);
    }

    /** @return a handle like {@code signet} whose predictors use the chosen prompts */
    public Signet applyTo(Signet signet) {
        Map<String, PromptState> all = new LinkedHashMap<>(signet.prompts());
        all.putAll(prompts());
        return signet.withPrompts(all);
    }

    /** @return the development score of the prompts the program had before; NaN when nothing was scored */
    public double baselineScore() {
        return baselineScore;
    }

    /** @return the development score of the chosen prompts; NaN when nothing was scored */
    public double bestScore() {
        return bestScore;
    }

    /** @return the LM calls the run made on the program's model */
    public long lmCalls() {
        return lmCalls;
    }

    /**
     * @return how the prompts were made, as artifacts record it: the optimizer, its settings, the data (sizes and
     *     hashes), the scores before and after, the model, the calls and tokens, what the optimizer adds, the time
     */
    public Map<String, Object> provenance() {
        return provenance;
    }

    /** @return the optimizer's report */
    public Report report() {
        return report;
    }

    /** @return an artifact per predictor, each rendered by its predictor, in program order */
    public List<PromptArtifact> artifacts() {
        List<PromptArtifact> artifacts = new ArrayList<>();
        predictors.forEach(p -> artifacts.add(p.toArtifact(provenance)));
        return artifacts;
    }

    /** Builds an {@link OptimizationRun}; optimizers call it once, at the end. */
    public static final class Builder {
        private final String optimizer;
        private final List<TunedPredictor> predictors = new ArrayList<>();
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private final Map<String, Object> extra = new LinkedHashMap<>();
        private double baselineScore = Double.NaN;
        private double bestScore = Double.NaN;
        private long lmCalls;
        private Usage usage = Usage.ZERO;
        private String model;
        private Long seed;
        private List<Example> train;
        private List<Example> dev;
        private Report report;

        private Builder(String optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /** The predictors with their chosen prompts, in program order. */
        public Builder predictors(List<TunedPredictor> tuned) {
            predictors.addAll(tuned);
            return this;
        }

        /** One setting, as provenance records it. */
        public Builder setting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        /** The seed the run was made with (the same seed, data and model give the same prompts). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The training and development sets (their sizes and hashes are recorded); either may be null. */
        public Builder data(List<Example> trainset, List<Example> devset) {
            this.train = trainset;
            this.dev = devset;
            return this;
        }

        /** The development scores of the baseline and of the winner. */
        public Builder scores(double baseline, double best) {
            this.baselineScore = baseline;
            this.bestScore = best;
            return this;
        }

        /** The LM calls made and the tokens they used. */
        public Builder calls(long calls, Usage used) {
            this.lmCalls = calls;
            this.usage = Objects.requireNonNull(used, "used");
            return this;
        }

        /** The model the program ran on, if known. */
        public Builder model(String name) {
            this.model = name;
            return this;
        }

        /** More provenance: what this optimizer chose (plain JSON values; null removes the key). */
        public Builder provenance(String key, Object value) {
            if (value == null) {
                extra.remove(key);
            } else {
                extra.put(key, value);
            }
            return this;
        }

        /** The optimizer's report. */
        public Builder report(String summary, String html) {
            this.report = new Report(summary, html);
            return this;
        }

        public OptimizationRun build() {
            return new OptimizationRun(this);
        }
    }
}
