package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.baked.CodesPredictor;
import dev.signet.Module;
import dev.signet.Signet;
import dev.signet.eval.Dataset;
import dev.signet.eval.DatasetException;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Metrics;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.SignetProject;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start()
            .respondWith(request -> Reply.fields("answer", request.lastUserMessage().contains("item 1") ? "a" : "x"));

    @TempDir
    Path reports;

    @AfterEach
    void close() {
        server.close();
    }

    /** Right on one of its two examples. */
    static class HalfRight implements SignetProject {
        private final LoopbackOpenAiServer server;
        private final Supplier<List<Example>> dev;

        HalfRight(LoopbackOpenAiServer server, Supplier<List<Example>> dev) {
            this.server = server;
            this.dev = dev;
        }

        @Override
        public Signet signet() {
            return Signet.builder().languageModel(OpenAiLanguageModel.builder().apiKey("k").baseUrl(server.baseUrl())
                    .build()).build();
        }

        @Override
        public ProgramFactory program() {
            return handle -> {
                CodesPredictor codes = CodesPredictor.create(handle, Module.predict());
                return example -> codes.predictAsync(example.input("question"));
            };
        }

        @Override
        public Metric metric() {
            return Metrics.exactMatch("answer");
        }

        @Override
        public List<Example> devset() {
            return dev.get();
        }
    }

    /**
     * Evaluates {@code n} examples, of which the model (the loopback server) answers those of odd items right, into
     * {@code reports}.
     */
    static Evaluation.Outcome evaluate(Path reports, int n) throws Exception {
        List<Example> examples = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            examples.add(new Example(Map.of("question", "item " + i), Map.of("answer", i % 2 == 1 ? "odd" : "even")));
        }
        try (LoopbackOpenAiServer odd = LoopbackOpenAiServer.start().respondWith(request -> Reply.fields("answer",
                request.lastUserMessage().matches("(?s).*item \\d*[13579]\\b.*") ? "odd" : "?"))) {
            return Evaluation.run(new HalfRight(odd, () -> examples), new Evaluation.Request(reports, 0.5, 2),
                    line -> {});
        }
    }

    private static final List<Example> TWO = List.of(
            new Example(Map.of("question", "item 1"), Map.of("answer", "a")),
            new Example(Map.of("question", "item 2"), Map.of("answer", "b")));

    @Test
    void byTheBatchApiTheGateScoresAsLiveAndSaysSo() throws Exception {
        Evaluation.Outcome live = Evaluation.run(new HalfRight(server, () -> TWO),
                new Evaluation.Request(reports, 0.5, 2), line -> {});
        int liveRequests = server.requestCount();
        List<String> log = new java.util.ArrayList<>();

        Evaluation.Outcome batched = Evaluation.run(new HalfRight(server, () -> TWO),
                new Evaluation.Request(reports, 0.5, 2, true, java.time.Duration.ofMillis(5)), log::add);

        assertThat(batched.result().meanScore()).isEqualTo(live.result().meanScore()).isEqualTo(0.5);
        assertThat(server.requestCount()).as("no live call").isEqualTo(liveRequests);
        assertThat(server.batchesCreated()).isEqualTo(1);
        assertThat(batched.summary()).startsWith("Signet evaluation by the Batch API: mean score 0.5000 over 2");
        assertThat(Files.readString(batched.htmlReport())).contains("Run by the provider's Batch API");
        assertThat(log).anySatisfy(line -> assertThat(line).matches("Batch batch_\\w+: completed, 2 of 2 .*"));
        assertThat(reports.resolve("evaluate.batch.json")).as("the checkpoint is gone once done").doesNotExist();
    }

    @Test
    void byBatchAModelWithoutABatchApiOrABadPollIntervalFailsSayingSo() {
        SignetProject noBatchApi = new HalfRight(server, () -> TWO) {
            @Override
            public Signet signet() {
                Signet signet = super.signet();
                dev.signet.lm.LanguageModel sdk = signet.languageModel();
                return Signet.builder().languageModel(request -> sdk.complete(request)).build();
            }
        };
        assertThatThrownBy(() -> Evaluation.run(noBatchApi,
                new Evaluation.Request(reports, 0.5, 2, true, java.time.Duration.ofSeconds(1)), line -> {}))
                .isInstanceOf(dev.signet.core.ConfigurationException.class).hasMessageContaining("has no Batch API");
        assertThatThrownBy(() -> new Evaluation.Request(reports, 0.5, 2, true, java.time.Duration.ZERO))
                .hasMessageContaining("signet.batchPollInterval must be positive");
    }

    @Test
    void passesAtTheThresholdFailsBelowItAndWritesBothReports() throws Exception {
        List<String> log = new java.util.ArrayList<>();
        Evaluation.Outcome atHalf = Evaluation.run(new HalfRight(server, () -> TWO), new Evaluation.Request(reports, 0.5, 2),
                log::add);
        assertThat(atHalf.passed()).isTrue();
        assertThat(log).as("progress, one readable line per tenth of the set").hasSize(2)
                .last().isIn("2/2 examples, mean score 0.5000, 0 errors");
        assertThat(atHalf.summary()).isEqualTo("Signet evaluation: mean score 0.5000 over 2 examples, 0 errors "
                + "(minimum 0.5000)");

        Evaluation.Outcome above = Evaluation.run(new HalfRight(server, () -> TWO), new Evaluation.Request(reports, 0.51, 2),
                line -> {});
        assertThat(above.passed()).isFalse();
        assertThat(Files.readString(reports.resolve("evaluate-report.json"))).contains("\"meanScore\" : 0.5");
        String html = Files.readString(above.htmlReport());
        assertThat(html).contains("Mean score <b>0.5000</b>", "minimum 0.5100: <b>failed</b>")
                .contains("<th class=\"in\">question</th>", "<th class=\"expected\">answer (expected)</th>",
                        "<th class=\"out\">answer (predicted)</th>")
                .contains("<tr class=\"pass\"><td>0</td><td>item 1</td><td>a</td><td>a</td>",
                        "<tr class=\"fail\"><td>1</td><td>item 2</td><td>b</td><td>x</td>")
                .contains("<svg", "<title>0.0–0.1: 1</title>", "<title>0.9–1: 1</title>", "<title>failed: 0</title>")
                .contains("href=\"#imperfect\">score below 1 or failed (1)")
                .doesNotContain("<script");
    }

    @Test
    void refusesAnEmptyDevsetAndAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> Evaluation.run(new HalfRight(server, List::of), new Evaluation.Request(reports, 0.5, 2),
                line -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("devset() is empty");
        assertThatThrownBy(() -> new Evaluation.Request(reports, 1.5, 2))
                .hasMessage("signet.minScore must be between 0 and 1, not 1.5.");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aBadDatasetLineStopsTheEvaluationNamingFileAndLine() throws Exception {
        Path data = Files.writeString(reports.resolve("dev.jsonl"), "{\"question\": \"item 1\", \"answer\": \"a\"}\n"
                + "{\"question\": \"item 2\"}\n");
        SignetProject fromFile = new HalfRight(server, () -> Dataset.loadJsonl(data, CodesPredictor.SIGNATURE));
        assertThatThrownBy(() -> Evaluation.run(fromFile, new Evaluation.Request(reports, 0.5, 2), line -> {}))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith(data + ":2: no value for the output "
                        + "field `answer`");
        assertThat(reports.resolve("evaluate-report.json")).doesNotExist();
    }
}
