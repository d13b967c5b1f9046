package dev.signet.optimize;

import dev.signet.Signet;
import dev.signet.eval.Example;
import java.util.List;

/**
 * Tunes the prompts of a program's predictors against data and a metric: the one contract of every optimizer
 * (LabeledFewShot, BootstrapFewShot, RandomSearch, MIPROv2 and GEPA in {@code signet-optimizers}).
 *
 * <pre>{@code
 * OptimizationRun run = BootstrapFewShot.builder(Metrics.exactMatch("answer")).maxBootstrappedDemos(4).build()
 *         .compile(signet, program, train, dev);
 * Signet optimized = run.applyTo(signet);
 * run.predictors().forEach(p -> p.toArtifact(run.provenance()).write(dir.resolve(p.name() + ".json")));
 * }</pre>
 *
 * <p>An optimizer starts from the prompts the program has on the handle it is given (set on it, given to it as
 * artifacts, or baked into the class path): that is its baseline. It reports each tuned predictor with the
 * predictor itself, so that the prompt it scored is the prompt its artifact holds. Implementations are immutable,
 * deterministic for a seed, and configured with builders.
 */
public interface Optimizer {
    /** @return the optimizer's name, as reports and provenance record it ({@code BootstrapFewShot}, {@code GEPA}) */
    String name();

    /**
     * Tunes the program.
     *
     * @param student the handle the program runs on (its prompts are the baseline)
     * @param program builds the program on a handle; its predictors must be made from that handle
     * @param trainset the examples the optimizer learns from
     * @param devset the examples candidates are scored on; empty for an optimizer that scores nothing
     * @return the tuned predictors, the scores and the report
     * @throws IllegalArgumentException when the data can't serve (an empty set the optimizer needs)
     */
    OptimizationRun compile(Signet student, ProgramFactory program, List<Example> trainset, List<Example> devset);
}
