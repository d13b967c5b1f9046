package dev.signet.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.signet.Signet;
import dev.signet.adapter.ChatAdapter;
import dev.signet.core.PromptState;
import dev.signet.lm.Message;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-call overhead of a generated predictor against a raw OpenAI SDK call, A/B in one JVM: both share the
 * JIT's view of the SDK, and blocks of calls alternate (the order flipping every round), so that drift of the
 * machine falls on both alike. Complements {@link OverheadBenchmark}, whose separate forks each compile the SDK
 * afresh.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.main=dev.signet.benchmarks.OverheadHarness -Dbench.args=}
 */
public final class OverheadHarness {
    private static final String QUESTION = "What is the capital of France?";
    private static final int CALLS_PER_BLOCK = 2000;
    private static final int WARMUP_ROUNDS = 15;
    private static final int ROUNDS = 12;

    private OverheadHarness() {}

    public static void main(String[] args) {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> Reply.fields("answer", "Paris"));
            OpenAIClient raw = OpenAIOkHttpClient.builder().apiKey("bench").baseUrl(server.baseUrl()).build();
            OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
                    .apiKey("bench").baseUrl(server.baseUrl()).model("bench").build();
            try {
                QA predictor = QAPredictor.create(Signet.builder().languageModel(lm).build());
                ChatAdapter adapter = new ChatAdapter();
                List<Message> messages = adapter.format(QAPredictor.SIGNATURE,
                        new PromptState(QAPredictor.SIGNATURE.instructions(), List.of()), Map.of("question", QUESTION));
                String system = messages.get(0).content();
                String user = messages.get(messages.size() - 1).content();
                Supplier<String> rawCall = () -> raw.chat().completions().create(ChatCompletionCreateParams.builder()
                                .model("bench").addSystemMessage(system).addUserMessage(user).build())
                        .choices().get(0).message().content().orElseThrow();
                Supplier<String> signetCall = () -> predictor.answer(QUESTION);

                for (int round = 0; round < WARMUP_ROUNDS; round++) {
                    block(rawCall);
                    block(signetCall);
                }
                List<Double> rawMeans = new ArrayList<>();
                List<Double> signetMeans = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    double rawMean;
                    double signetMean;
                    if (round % 2 == 0) {
                        rawMean = block(rawCall);
                        signetMean = block(signetCall);
                    } else {
                        signetMean = block(signetCall);
                        rawMean = block(rawCall);
                    }
                    rawMeans.add(rawMean);
                    signetMeans.add(signetMean);
                    ratios.add(signetMean / rawMean);
                    System.out.printf(Locale.ROOT, "round %2d: raw SDK %.1f us, Signet %.1f us, ratio %.3f%n",
                            round + 1, rawMean, signetMean, signetMean / rawMean);
                }
                System.out.printf(Locale.ROOT, "%nmedian: raw SDK %.1f us/call, Signet %.1f us/call, "
                        + "median ratio %.3f%n", median(rawMeans), median(signetMeans), median(ratios));
            } finally {
                raw.close();
                lm.close();
            }
        }
    }

    /** @return the mean wall time of one call, in microseconds */
    private static double block(Supplier<String> call) {
        long start = System.nanoTime();
        for (int i = 0; i < CALLS_PER_BLOCK; i++) {
            if (call.get().isEmpty()) {
                throw new IllegalStateException("unexpected answer");
            }
        }
        return (System.nanoTime() - start) / 1000.0 / CALLS_PER_BLOCK;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.size() % 2 == 1
                ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }
}
