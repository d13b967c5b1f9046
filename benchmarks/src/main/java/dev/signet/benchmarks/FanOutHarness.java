package dev.signet.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.openai.OpenAiLanguageModel.AsyncTransport;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Fan-out: 10,000 calls with 1,000 in flight against a server that answers each after 200 ms (ideal: 10 waves,
 * 2.0 s). Each client runs in a JVM of its own (the loopback server runs in this one, so that its threads are not
 * counted), three times in alternation after a warm-up of 3,000 calls, and reports its wall time, the peak of its
 * platform threads, its peak heap and its peak RSS; the summary gives each client's median and its ratio to the
 * best of the two baselines ({@code sdk-virtual}, {@code langchain4j}) in the same run:
 *
 * <ul>
 *   <li>{@code signet-jdk}: Signet's async predictor call on the JDK transport (the default),
 *       {@code maxConcurrentRequests(1000)};</li>
 *   <li>{@code signet-okhttp}: the same on the SDK's OkHttp transport;</li>
 *   <li>{@code sdk-virtual}: the raw SDK's synchronous client, one virtual thread per call in flight (JDK 21+);</li>
 *   <li>{@code langchain4j}: LangChain4j 1.19's {@code OpenAiChatModel}, one virtual thread per call in flight
 *       (JDK 21+; platform threads before).</li>
 * </ul>
 *
 * <p>Run (on JDK 21+ for the virtual-thread baselines): {@code mvn -B -q -DskipTests -pl benchmarks -am package
 * exec:exec -Dbench.main=dev.signet.benchmarks.FanOutHarness -Dbench.args= -Dbench.java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
 */
public final class FanOutHarness {
    private static final int CALLS = 10_000;
    private static final int IN_FLIGHT = 1_000;
    private static final Duration LATENCY = Duration.ofMillis(200);
    private static final List<String> SUBJECTS = List.of("signet-jdk", "signet-okhttp", "sdk-virtual", "langchain4j");
    private static final int ROUNDS = 3;

    private FanOutHarness() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2) {
            run(args[0], args[1]);
            return;
        }
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> Reply.fields("answer", "Paris").withLatency(LATENCY));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            System.out.printf(Locale.ROOT, "JDK %s; %,d calls, %,d in flight, %d ms latency: ideal %.1f s%n",
                    System.getProperty("java.version"), CALLS, IN_FLIGHT, LATENCY.toMillis(),
                    CALLS / (double) IN_FLIGHT * LATENCY.toMillis() / 1000);
            Map<String, List<Long>> times = new LinkedHashMap<>();
            Map<String, List<Integer>> peaks = new java.util.LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (String subject : SUBJECTS) {
                    Process child = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                            FanOutHarness.class.getName(), subject, server.baseUrl()).redirectErrorStream(true)
                            .start();
                    String out = new String(child.getInputStream().readAllBytes(),
                            StandardCharsets.UTF_8);
                    child.waitFor();
                    for (String line : out.split("\n")) {
                        if (line.startsWith("RESULT ")) {
                            String[] f = line.split(" ");
                            times.computeIfAbsent(subject, k -> new ArrayList<>()).add(Long.parseLong(f[2]));
                            peaks.computeIfAbsent(subject, k -> new ArrayList<>()).add(Integer.parseInt(f[3]));
                            System.out.println("round " + round + ": " + line.substring(line.indexOf(' ', 7) + 1)
                                    .replaceFirst("^\\d+ \\d+ ", ""));
                        }
                    }
                }
            }
            System.out.println();
            long best = Math.min(median(times.getOrDefault("sdk-virtual", List.of(Long.MAX_VALUE))),
                    median(times.getOrDefault("langchain4j", List.of(Long.MAX_VALUE))));
            for (String subject : times.keySet()) {
                long median = median(times.get(subject));
                System.out.printf(Locale.ROOT, "%-14s median %6d ms = %.2fx the ideal, %.2fx the best baseline; "
                        + "peak platform threads %d%n", subject, median, median / 2000.0, (double) median / best,
                        Collections.max(peaks.get(subject)));
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** One client, in this JVM: the calls, then its figures on one line. */
    private static void run(String subject, String baseUrl) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        HeapSampler sampler = HeapSampler.start(20);
        Call call = client(subject, baseUrl);
        call.run(3 * IN_FLIGHT); // warm-up: three waves, for the JIT
        threads.resetPeakThreadCount();
        long start = System.nanoTime();
        int failures = call.run(CALLS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        sampler.stop();
        System.out.printf(Locale.ROOT, "RESULT %s %d %d %-14s %6d ms (%.2fx ideal), peak platform threads %4d, "
                + "peak heap %4d MB, peak RSS %4d MB, %d failures%n", subject, millis, threads.getPeakThreadCount(),
                subject, millis, millis / 2000.0, threads.getPeakThreadCount(), sampler.peak() >> 20, peakRss() >> 10,
                failures);
        System.exit(0);
    }

    /** Runs n calls with at most IN_FLIGHT in flight, and counts the failures. */
    private interface Call {
        int run(int n) throws Exception;
    }

    private static Call client(String subject, String baseUrl) throws Exception {
        switch (subject) {
            case "signet-jdk":
            case "signet-okhttp": {
                OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("bench").baseUrl(baseUrl).model("bench")
                        .maxConcurrentRequests(IN_FLIGHT).asyncTransport(subject.equals("signet-jdk")
                                ? AsyncTransport.JDK : AsyncTransport.OKHTTP).build();
                Predictor qa = Predictor.of(Signet.builder().languageModel(lm).build(), QAPredictor.SIGNATURE);
                return n -> {
                    Semaphore permits = new Semaphore(IN_FLIGHT);
                    AtomicLong failed = new AtomicLong();
                    List<CompletableFuture<?>> all = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        permits.acquire();
                        all.add(qa.callAsync(Map.of("question", "Question " + i)).whenComplete((o, e) -> {
                            permits.release();
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        }));
                    }
                    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null).join();
                    return (int) failed.get();
                };
            }
            case "sdk-virtual": {
                OpenAIClient raw = OpenAIOkHttpClient.builder().apiKey("bench").baseUrl(baseUrl).build();
                return onThreads(i -> raw.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("bench").addUserMessage("Question " + i).build()));
            }
            case "langchain4j": {
                OpenAiChatModel model = OpenAiChatModel.builder().apiKey("bench").baseUrl(baseUrl).modelName("bench")
                        .build();
                return onThreads(i -> model.chat("Question " + i));
            }
            default:
                throw new IllegalArgumentException(subject);
        }
    }

    /** A blocking client, each call in flight on a virtual thread of its own (JDK 21+), else a platform thread. */
    private static Call onThreads(IntConsumer blocking) throws Exception {
        ExecutorService executor;
        try {
            executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            executor = Executors.newFixedThreadPool(IN_FLIGHT);
        }
        ExecutorService threads = executor;
        return n -> {
            Semaphore permits = new Semaphore(IN_FLIGHT);
            AtomicLong failed = new AtomicLong();
            List<Future<?>> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                permits.acquire();
                int index = i;
                all.add(threads.submit(() -> {
                    try {
                        blocking.accept(index);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (java.util.concurrent.Future<?> future : all) {
                future.get();
            }
            return (int) failed.get();
        };
    }

    /** The peak resident set size in KB ({@code VmHWM}), or 0 where /proc is not there. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }
}
