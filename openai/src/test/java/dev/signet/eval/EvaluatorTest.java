package dev.signet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluations through the real SDK against the loopback server. */
class EvaluatorTest {
    private static final SignatureDescription DOUBLE = SignatureDescription.builder("Double")
            .input("question", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();
    private static final Pattern NUMBER = Pattern.compile("double (\\d+)");

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("m").build();
    private final TypedPredictor<String> predictor = TypedPredictor.create(
            Signet.builder().languageModel(lm).jsonFallback(false).parseRepairs(0).build(), DOUBLE,
            o -> ((String) o.get("answer")));

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private static List<Example> examples(int count) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            examples.add(new Example(Map.of("question", "What is double " + i + "?"), Map.of("answer", "" + 2 * i)));
        }
        return examples;
    }

    /** Answers right except for every fourth number, and fails outright on the numbers given. */
    private void serve(java.util.Set<Integer> failing) {
        server.respondWith(request -> {
            Matcher matcher = NUMBER.matcher(request.lastUserMessage());
            if (!matcher.find()) {
                return Reply.error(400, "no number");
            }
            int n = Integer.parseInt(matcher.group(1));
            if (failing.contains(n)) {
                return Reply.error(400, "cannot double " + n);
            }
            return Reply.fields("answer", n % 4 == 0 ? "wrong" : " " + 2 * n + " ");
        });
    }

    private Program program() {
        return example -> predictor.predictAsync(Map.of("question", example.input("question")));
    }

    @Test
    void twoHundredExamplesAtConcurrencySixteenGiveTheExactExpectedScore(@TempDir Path dir) throws Exception {
        serve(java.util.Set.of());
        List<Evaluator.Progress> progress = Collections.synchronizedList(new ArrayList<>());

        EvaluationResult result = Evaluator.builder().concurrency(16).onProgress(progress::add).build()
                .evaluate(examples(200), program(), Metrics.exactMatch("answer"));

        assertThat(result.meanScore()).isEqualTo(0.75);
        assertThat(result.total()).isEqualTo(200);
        assertThat(result.errors()).isZero();
        assertThat(result.results()).extracting(ExampleResult::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 200).boxed().toList());
        assertThat(result.results().get(4).score().feedback()).isEqualTo("expected 8, got wrong");
        assertThat(progress).extracting(Evaluator.Progress::done).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList());
        assertThat(progress.get(199).meanScore()).isEqualTo(0.75);
        assertThat(result.usage().totalTokens()).isEqualTo(result.results().stream()
                .mapToLong(r -> r.prediction().completion().usage().totalTokens()).sum()).isPositive();
        assertThat(server.requestCount()).isEqualTo(200);
        assertThat(result.cost(Map.of("m", dev.signet.usage.UsageMeter.Price.perMillion("1000000", "0"))))
                .isEqualByComparingTo(java.math.BigDecimal.valueOf(result.usage().promptTokens()));

        Path json = dir.resolve("report/eval.json");
        result.saveJson(json);
        assertThat(Files.readString(json)).contains("\"meanScore\" : 0.75", "\"total\" : 200");
        assertThat(result.toTable()).contains("mean 0.7500 over 200 examples, 0 errors");
    }

    @Test
    void errorsWithinTheBudgetScoreZeroAndAreCounted() {
        serve(java.util.Set.of(1, 2));

        EvaluationResult result = Evaluator.builder().concurrency(4).maxErrors(2).build()
                .evaluate(examples(20), program(), Metrics.exactMatch("answer"));

        assertThat(result.errors()).isEqualTo(2);
        assertThat(result.results().get(1).error()).isInstanceOf(dev.signet.lm.LanguageModelException.class);
        // 20 examples: 5 multiples of 4 wrong, 2 failed, 13 right
        assertThat(result.meanScore()).isEqualTo(13 / 20.0);
    }

    @Test
    void pastTheBudgetTheRunStopsWithAClearError() {
        serve(java.util.Set.of(0, 1, 2, 3, 5, 6, 7));

        assertThatThrownBy(() -> Evaluator.builder().concurrency(1).maxErrors(2).build()
                .evaluate(examples(50), program(), Metrics.exactMatch("answer")))
                .isInstanceOfSatisfying(EvaluationException.class, e -> {
                    assertThat(e.getMessage()).startsWith("3 examples failed, over the error budget of 2 (maxErrors); "
                            + "the run stopped after 3 of 50. First error: ");
                    assertThat(e.finished()).hasSize(3);
                });
        assertThat(server.requestCount()).isEqualTo(3);
    }
}
