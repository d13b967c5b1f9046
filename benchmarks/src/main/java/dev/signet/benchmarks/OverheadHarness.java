package dev.signet.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-call cost of a generated predictor against the raw OpenAI SDK, in one JVM against one loopback server:
 * four subjects, the raw SDK's sync client, the raw SDK's async client (joined), Signet's blocking call and
 * Signet's async call (joined), in blocks of calls whose order rotates every round, so that drift of the machine
 * falls on all alike. Reports Signet blocking against raw sync and Signet async against raw async, as medians of
 * the rounds' ratios. Complements {@link OverheadBenchmark}, whose separate forks each compile the SDK afresh.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.main=dev.signet.benchmarks.OverheadHarness -Dbench.args=}
 */
public final class OverheadHarness {
    private static final String QUESTION = "What is the capital of France?";
    private static final int CALLS_PER_BLOCK = 2000;
    private static final int WARMUP_ROUNDS = 12;
    private static final int ROUNDS = 12;

    private OverheadHarness() {}

    public static void main(String[] args) {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> Reply.fields("answer", "Paris"));
            OpenAIClient raw = OpenAIOkHttpClient.builder().apiKey("bench").baseUrl(server.baseUrl()).build();
            OpenAIClientAsync rawAsync = OpenAIOkHttpClientAsync.builder().apiKey("bench").baseUrl(server.baseUrl())
                    .build();
            OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
                    .apiKey("bench").baseUrl(server.baseUrl()).model("bench").build();
            try {
                QAPredictor predictor = QAPredictor.create(Signet.builder().languageModel(lm).build());
                ChatAdapter adapter = new ChatAdapter();
                List<Message> messages = adapter.format(QAPredictor.SIGNATURE,
                        new PromptState(QAPredictor.SIGNATURE.instructions(), List.of()), Map.of("question", QUESTION));
                // the raw subjects build their request per call, as an application whose inputs vary does (and as
                // Signet does)
                Supplier<ChatCompletionCreateParams> params = () -> ChatCompletionCreateParams.builder().model("bench")
                        .addSystemMessage(messages.get(0).content())
                        .addUserMessage(messages.get(messages.size() - 1).content()).build();
                Map<String, Supplier<String>> subjects = new LinkedHashMap<>();
                subjects.put("raw SDK sync", () -> raw.chat().completions().create(params.get())
                        .choices().get(0).message().content().orElseThrow());
                subjects.put("raw SDK async", () -> rawAsync.chat().completions().create(params.get()).join()
                        .choices().get(0).message().content().orElseThrow());
                subjects.put("Signet blocking", () -> predictor.answer(QUESTION));
                subjects.put("Signet async", () -> predictor.answerAsync(QUESTION).join());
                List<String> names = new ArrayList<>(subjects.keySet());

                for (int round = 0; round < WARMUP_ROUNDS; round++) {
                    subjects.values().forEach(OverheadHarness::block);
                }
                Map<String, List<Double>> means = new LinkedHashMap<>();
                names.forEach(name -> means.put(name, new ArrayList<>()));
                List<Double> blockingRatios = new ArrayList<>();
                List<Double> asyncRatios = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    Map<String, Double> mean = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) { // the order rotates: each subject goes first in turn
                        String name = names.get((i + round) % names.size());
                        mean.put(name, block(subjects.get(name)));
                    }
                    mean.forEach((name, value) -> means.get(name).add(value));
                    blockingRatios.add(mean.get("Signet blocking") / mean.get("raw SDK sync"));
                    asyncRatios.add(mean.get("Signet async") / mean.get("raw SDK async"));
                    System.out.printf(Locale.ROOT, "round %2d: raw sync %.1f, raw async %.1f, Signet blocking %.1f, "
                            + "Signet async %.1f us; ratios %.3f, %.3f%n", round + 1, mean.get("raw SDK sync"),
                            mean.get("raw SDK async"), mean.get("Signet blocking"), mean.get("Signet async"),
                            blockingRatios.get(round), asyncRatios.get(round));
                }
                System.out.println();
                means.forEach((name, values) -> System.out.printf(Locale.ROOT, "%-16s median %.1f us/call%n", name,
                        median(values)));
                System.out.printf(Locale.ROOT, "Signet blocking / raw SDK sync:  median ratio %.3f%n",
                        median(blockingRatios));
                System.out.printf(Locale.ROOT, "Signet async / raw SDK async:    median ratio %.3f%n",
                        median(asyncRatios));
            } finally {
                raw.close();
                rawAsync.close();
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
