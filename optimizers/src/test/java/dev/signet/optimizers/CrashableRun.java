package dev.signet.optimizers;

import dev.signet.Signet;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.TunedPredictor;
import dev.signet.testing.TaskSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A GEPA optimization in a JVM of its own, for {@link CrashTest} to kill: the simulator behind its own loopback
 * server (every reply after 10 ms, so that a run takes seconds), the checkpoint in the given directory, and, when
 * the run ends, the winner's artifact written there. Prints the LM calls it made.
 */
public final class CrashableRun {
    private CrashableRun() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        TaskSimulator task = TaskSimulator.sections(5, 48);
        try (Simulated simulated = new Simulated(task)) {
            simulated.server.respondWith(request -> task.respond(request).withLatency(Duration.ofMillis(10)));
            // the loopback server's port differs from run to run; the model the checkpoint is keyed on must not
            LanguageModel simulator = new LanguageModel() {
                @Override
                public CompletableFuture<Completion> complete(LmRequest request) {
                    return simulated.lm.complete(request);
                }

                @Override
                public String id() {
                    return "simulator";
                }
            };
            Signet signet = Signet.builder().languageModel(simulator).build();
            OptimizationRun run = Gepa.builder(simulated.metric()).maxMetricCalls(200).seed(1).concurrency(4)
                    .parallelProposals(2).checkpoint(work.resolve("checkpoint.json")).log(System.out::println).build()
                    .compile(signet, Simulated.program(), simulated.split.train(), simulated.split.dev());
            for (TunedPredictor tuned : run.predictors()) {
                tuned.toArtifact(Map.of("optimizer", run.optimizer())).write(work.resolve(tuned.name() + ".json"));
            }
            System.out.println("calls " + simulated.server.requestCount());
        }
    }
}
