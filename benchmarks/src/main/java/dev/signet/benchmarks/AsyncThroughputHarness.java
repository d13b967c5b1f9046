package dev.signet.benchmarks;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.signet.Signet;
import dev.signet.adapter.ChatAdapter;
import dev.signet.core.PromptState;
import dev.signet.lm.Message;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * Wall time of 1,000 async calls, at most 100 in flight, against a server that answers each after 100 ms.
 * The ideal is 1.0 s (ten waves of 100). Measures the generated predictor's async form and, as the baseline
 * in the same run, the raw OpenAI SDK async client. Prints the median of several rounds.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.main=dev.signet.benchmarks.AsyncThroughputHarness -Dbench.args=}
 */
public final class AsyncThroughputHarness {
    private static final int CALLS = 1000;
    private static final int IN_FLIGHT = 100;
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final int WARMUP_ROUNDS = 8;
    private static final int ROUNDS = 6;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private AsyncThroughputHarness() {}

    public static void main(String[] args) throws Exception {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> Reply.fields("answer", "Paris").withLatency(LATENCY));
            // -Dtransport=JDK or OKHTTP to measure one transport; AUTO, the default, takes OkHttp at 100 in flight
            OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
                    .asyncTransport(OpenAiLanguageModel.AsyncTransport.valueOf(System.getProperty("transport", "AUTO")))
                    .apiKey("bench").baseUrl(server.baseUrl()).model("bench").build();
            OpenAIClientAsync raw = OpenAIOkHttpClientAsync.builder()
                    .apiKey("bench").baseUrl(server.baseUrl()).build();
            try {
                QAPredictor predictor = QAPredictor.create(Signet.builder().languageModel(lm).build());
                ChatAdapter adapter = new ChatAdapter();
                PromptState prompt = new PromptState(QAPredictor.SIGNATURE.instructions(), List.of());
                IntFunction<CompletableFuture<?>> rawCall = i -> {
                    // the same messages Signet sends, rendered by the same adapter, handed to the raw SDK
                    List<Message> messages = adapter.format(QAPredictor.SIGNATURE, prompt,
                            Map.of("question", "Question " + i));
                    return raw.chat().completions().create(ChatCompletionCreateParams.builder().model("bench")
                            .addSystemMessage(messages.get(0).content())
                            .addUserMessage(messages.get(messages.size() - 1).content()).build());
                };
                IntFunction<CompletableFuture<?>> signetCall = i -> predictor.answerAsync("Question " + i);

                // Rounds alternate so that both see the same machine; the warm-up lets the JIT settle, which on
                // two cores takes several seconds.
                for (int round = 0; round < WARMUP_ROUNDS; round++) {
                    run("warm-up raw SDK", rawCall);
                    run("warm-up Signet", signetCall);
                }
                List<Long> rawTimes = new ArrayList<>();
                List<Long> signetTimes = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    rawTimes.add(run("raw OpenAI SDK async", rawCall));
                    signetTimes.add(run("Signet predictor async", signetCall));
                }
                double ideal = CALLS / IN_FLIGHT * LATENCY.toMillis();
                System.out.printf(Locale.ROOT, "%nideal %.0f ms%n", ideal);
                System.out.printf(Locale.ROOT, "raw SDK   median %d ms = %.3fx ideal%n", median(rawTimes),
                        median(rawTimes) / ideal);
                System.out.printf(Locale.ROOT, "Signet    median %d ms = %.3fx ideal, %.3fx raw SDK%n",
                        median(signetTimes), median(signetTimes) / ideal,
                        (double) median(signetTimes) / median(rawTimes));
            } finally {
                raw.close();
                lm.close();
            }
        }
    }

    private static long run(String label, IntFunction<CompletableFuture<?>> call) throws InterruptedException {
        {
            Semaphore permits = new Semaphore(IN_FLIGHT);
            List<CompletableFuture<?>> all = new ArrayList<>(CALLS);
            long cpu = OS.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                permits.acquire();
                all.add(call.apply(i).whenComplete((result, failure) -> permits.release()));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
            long millis = (System.nanoTime() - start) / 1_000_000;
            double cpuMillis = (OS.getProcessCpuTime() - cpu) / 1e6;
            // the process's CPU (client, in-process server, JIT, GC) spread over the machine's cores: a floor the
            // wall time cannot go under, whatever the latency
            System.out.printf(Locale.ROOT, "%-24s %d ms; CPU %.0f ms (%.0f us a call), %.0f ms over %d cores%n", label,
                    millis, cpuMillis, cpuMillis * 1000 / CALLS, cpuMillis / CORES, CORES);
            return millis;
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
