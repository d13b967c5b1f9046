package dev.signet.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.Prediction;
import dev.signet.Signet;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.BatchScript;
import dev.signet.testing.LoopbackOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed after it submitted a batch: the rerun picks the same batch up from the checkpoint. */
class BatchKillTest {
    static final List<String> QUESTIONS = List.of("What is the double of 1?", "What is the double of 2?",
            "What is the double of 6?");

    @TempDir
    Path work;

    @Test
    void aJvmKilledAfterSubmittingIsResumedWithoutASecondBatch() throws Exception {
        Path checkpoint = work.resolve("bulk.batch.json");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start()) {
            BatchFixture.serve(server);
            server.batchScript(BatchScript.completes().afterPolls(4));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    BatchKillRun.class.getName(), server.baseUrl(), checkpoint.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (!(server.batchesCreated() == 1 && Files.exists(checkpoint)
                        && Files.readString(checkpoint).contains("\"batch_"))) {
                    assertThat(run.isAlive()).as(Files.readString(work.resolve("run.log"))).isTrue();
                    assertThat(System.nanoTime()).as("the run submits within a minute").isLessThan(deadline);
                    Thread.sleep(10);
                }
            } finally {
                run.destroyForcibly().waitFor();
            }
            assertThat(Files.readString(work.resolve("run.log"))).as("killed before any answer")
                    .doesNotContain("answer ");

            try (OpenAiLanguageModel live = OpenAiLanguageModel.builder().apiKey("sk-test")
                    .baseUrl(server.baseUrl()).model("gpt-4o-mini").build()) {
                BatchModel rerun = BatchModel.builder(live).checkpoint(checkpoint)
                        .pollInterval(Duration.ofMillis(5), Duration.ofMillis(5)).build();
                DoublerPredictor qa = DoublerPredictor.create(Signet.builder().languageModel(live).build()
                        .withModel(rerun));
                List<CompletableFuture<Prediction<Integer>>> out = rerun.runAll(QUESTIONS, qa::predictAsync);

                assertThat(out.stream().map(f -> f.join().output()).toList()).containsExactly(2, 4, 12);
                assertThat(server.batchesCreated()).as("the server sees one batch").isEqualTo(1);
                assertThat(server.requestCount()).as("and no live call").isZero();
                assertThat(checkpoint).doesNotExist();
            }
        }
    }
}
