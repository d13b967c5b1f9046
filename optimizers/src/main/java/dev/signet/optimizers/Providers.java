package dev.signet.optimizers;

import dev.signet.Signet;
import dev.signet.eval.Example;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.Optimizer;
import dev.signet.optimize.OptimizerProvider;
import dev.signet.optimize.OptimizerSettings;
import dev.signet.optimize.ProgramFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The optimizers of this module, for tools that choose one by id ({@code -Dsignet.optimizer=gepa}); each reads
 * the settings it knows from {@link OptimizerSettings}: {@code seed}, {@code concurrency} and its own.
 */
final class Providers {
    private Providers() {}

    /** {@code labeledFewShot}: {@code k} (default {@code maxLabeledDemos}, else 16), {@code seed}. */
    public static final class Labeled implements OptimizerProvider {
        @Override
        public String id() {
            return "labeledFewShot";
        }

        @Override
        public String description() {
            return "LabeledFewShot: k training examples as demos";
        }

        @Override
        public Optimizer create(OptimizerSettings settings) {
            return LabeledFewShot.builder().k(settings.integer("k", settings.integer("maxLabeledDemos", 16)))
                    .seed(settings.number("seed", 0)).build();
        }
    }

    /** {@code bootstrapFewShot}: {@code maxBootstrappedDemos}, {@code maxLabeledDemos}, {@code maxRounds}. */
    public static final class Bootstrap implements OptimizerProvider {
        @Override
        public String id() {
            return "bootstrapFewShot";
        }

        @Override
        public String description() {
            return "BootstrapFewShot: the passing runs' calls as demos";
        }

        @Override
        public Optimizer create(OptimizerSettings settings) {
            return BootstrapFewShot.builder(settings.metric())
                    .maxBootstrappedDemos(settings.integer("maxBootstrappedDemos", 4))
                    .maxLabeledDemos(settings.integer("maxLabeledDemos", 16))
                    .maxRounds(settings.integer("maxRounds", 1))
                    .concurrency(settings.integer("concurrency", 8))
                    .seed(settings.number("seed", 0)).build();
        }
    }

    /** {@code randomSearch}: {@code candidates}, {@code maxBootstrappedDemos}, {@code maxLabeledDemos}. */
    public static final class Random implements OptimizerProvider {
        @Override
        public String id() {
            return "randomSearch";
        }

        @Override
        public String description() {
            return "BootstrapFewShotWithRandomSearch: bootstrapped demo sets scored on the development set";
        }

        @Override
        public Optimizer create(OptimizerSettings settings) {
            return RandomSearch.builder(settings.metric())
                    .candidates(settings.integer("candidates", 4))
                    .maxBootstrappedDemos(settings.integer("maxBootstrappedDemos", 4))
                    .maxLabeledDemos(settings.integer("maxLabeledDemos", 16))
                    .concurrency(settings.integer("concurrency", 8))
                    .seed(settings.number("seed", 0))
                    .checkpoint(settings.checkpoint("optimize-checkpoint.json"))
                    .onCandidate(c -> settings.log().accept(String.format(Locale.ROOT, "candidate %d (%s): %.4f",
                            c.index() + 1, c.description(), c.score())))
                    .log(settings.log())
                    .build();
        }
    }

    /** {@code mipro}: {@code auto} ({@code light}, {@code medium}, {@code heavy}), demos, the proposer. */
    public static final class Mipro implements OptimizerProvider {
        @Override
        public String id() {
            return "mipro";
        }

        @Override
        public String description() {
            return "MIPROv2: instructions x demo sets, searched with a TPE";
        }

        @Override
        public Optimizer create(OptimizerSettings settings) {
            String auto = settings.text("auto").orElse("light").toUpperCase(Locale.ROOT);
            MiproV2.Auto preset;
            try {
                preset = MiproV2.Auto.valueOf(auto);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The optimizer setting auto must be light, medium or heavy, not '"
                        + auto.toLowerCase(Locale.ROOT) + "'.");
            }
            return new Lazy(student -> MiproV2.builder(settings.metric()).auto(preset)
                    .maxBootstrappedDemos(settings.integer("maxBootstrappedDemos", 4))
                    .maxLabeledDemos(settings.integer("maxLabeledDemos", 4))
                    .seed(settings.number("seed", 0))
                    .concurrency(settings.integer("concurrency", 8))
                    .proposer(settings.proposer(student))
                    .checkpoint(settings.checkpoint("optimize-checkpoint-mipro.json"))
                    .onTrial(t -> settings.log().accept(String.format(Locale.ROOT, "trial %d: %.4f on %s; %s",
                            t.index(), t.score(), t.full() ? "all development examples"
                                    : "a minibatch of " + t.examples() + " examples", MiproV2.describe(t.choices()))))
                    .log(settings.log())
                    .build(), "MIPROv2");
        }
    }

    /** {@code gepa}: {@code maxMetricCalls}, {@code parallelProposals}, {@code minibatchSize}, the reflection. */
    public static final class Gepa implements OptimizerProvider {
        @Override
        public String id() {
            return "gepa";
        }

        @Override
        public String description() {
            return "GEPA: instructions evolved by reflecting on the metric's feedback, on a Pareto frontier";
        }

        @Override
        public Optimizer create(OptimizerSettings settings) {
            long budget = settings.number("maxMetricCalls", 500);
            return new Lazy(student -> {
                long[] nextTenth = {budget / 10};
                return dev.signet.optimizers.Gepa.builder(settings.metric()).maxMetricCalls(budget)
                        .minibatchSize(settings.integer("minibatchSize", 3))
                        .parallelProposals(settings.integer("parallelProposals", 4))
                        .seed(settings.number("seed", 0))
                        .concurrency(settings.integer("concurrency", 8))
                        .reflection(settings.proposer(student))
                        .checkpoint(settings.checkpoint("optimize-checkpoint-gepa.json"))
                        .onProgress(p -> {
                            // a line per accepted candidate, and one per tenth of the budget: never a flood
                            if (p.accepted() || p.metricCalls() >= nextTenth[0]) {
                                settings.log().accept(String.format(Locale.ROOT, "iteration %d, %d/%d metric calls: "
                                        + "%s; best %.4f", p.iteration(), p.metricCalls(), budget, p.outcome(),
                                        p.bestScore()));
                                while (nextTenth[0] <= p.metricCalls()) {
                                    nextTenth[0] += Math.max(1, budget / 10);
                                }
                            }
                        })
                        .log(settings.log())
                        .build();
            }, "GEPA", run -> {
                Path file = settings.checkpoint("gepa-candidate.json");
                if (file != null) {
                    try {
                        GepaCandidate.write(file, GepaCandidate.of(run.prompts()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the GEPA candidate " + file, e);
                    }
                }
            });
        }
    }

    /**
     * An optimizer whose proposer handle depends on the program's handle, known only when it compiles; then what to
     * do with its run (GEPA writes its candidate in the gepa library's shape).
     */
    private record Lazy(Function<Signet, Optimizer> make, String name, Consumer<OptimizationRun> after)
            implements Optimizer {
        Lazy(Function<Signet, Optimizer> make, String name) {
            this(make, name, run -> { });
        }

        @Override
        public OptimizationRun compile(Signet student, ProgramFactory program, List<Example> trainset,
                List<Example> devset) {
            OptimizationRun run = make.apply(student).compile(student, program, trainset, devset);
            after.accept(run);
            return run;
        }
    }
}
