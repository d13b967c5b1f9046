package dev.signet.benchmarks;

import dev.signet.Signet;
import dev.signet.batch.BatchModel;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metrics;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The client's cost of a 100,000-example evaluation by the Batch API against the same evaluation live (64 calls
 * in flight), on the same scripted replies: the client's process CPU, its peak heap (sampled every 10 ms: garbage
 * included, so it depends on the collector's pace), its peak heap after a collection (what the run holds), and
 * its wall time. Each run is
 * a JVM of its own ({@code -Xmx3g}); the loopback server runs in this one, so that its work is not counted. Two
 * rounds, the order flipping; the summary gives each mode's median and the ratio batch / live.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec
 * -Dbench.main=dev.signet.benchmarks.BatchHarness -Dbench.args=}
 */
public final class BatchHarness {
    private static final int EXAMPLES = 100_000;
    private static final int IN_FLIGHT = 64;
    private static final int ROUNDS = 2;

    private BatchHarness() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2) {
            run(args[0], args[1]);
            return;
        }
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)
                .keepBatchedRequests(false)) {
            server.respondWith(request -> Reply.fields("answer", "Paris"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            System.out.printf(Locale.ROOT, "JDK %s; %,d examples, live %d in flight against batches%n",
                    System.getProperty("java.version"), EXAMPLES, IN_FLIGHT);
            Map<String, List<double[]>> figures = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (String mode : round % 2 == 1 ? List.of("live", "batch") : List.of("batch", "live")) {
                    server.reset();
                    server.respondWith(request -> Reply.fields("answer", "Paris"));
                    Process child = new ProcessBuilder(java, "-Xmx3g", "-cp", System.getProperty("java.class.path"),
                            BatchHarness.class.getName(), mode, server.baseUrl()).redirectErrorStream(true).start();
                    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (child.waitFor() != 0) {
                        throw new IllegalStateException(mode + " failed:\n" + out);
                    }
                    for (String line : out.split("\n")) {
                        if (line.startsWith("RESULT ")) {
                            String[] f = line.split(" ");
                            figures.computeIfAbsent(mode, k -> new ArrayList<>()).add(new double[] {
                                Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                                Double.parseDouble(f[5])});
                            System.out.printf(Locale.ROOT, "round %d: %-5s CPU %6s ms, peak heap %5s MB, "
                                    + "after GC %5s MB, "
                                    + "wall %6s ms%n", round, mode, f[2], f[3], f[4], f[5]);
                        }
                    }
                }
            }
            double[] live = medians(figures.get("live"));
            double[] batch = medians(figures.get("batch"));
            for (String mode : List.of("live", "batch")) {
                double[] m = mode.equals("live") ? live : batch;
                System.out.printf(Locale.ROOT, "%nmedian %-5s: CPU %.0f ms, peak heap %.0f MB, after GC %.0f MB, "
                        + "wall %.0f ms",
                        mode, m[0], m[1], m[2], m[3]);
            }
            System.out.printf(Locale.ROOT, "%nbatch / live: CPU %.2fx, peak heap %.2fx, after GC %.2fx, wall %.2fx%n",
                    batch[0] / live[0], batch[1] / live[1], batch[2] / live[2], batch[3] / live[3]);
        }
    }

    private static double[] medians(List<double[]> rows) {
        double[] out = new double[4];
        for (int column = 0; column < 4; column++) {
            int c = column;
            List<Double> values = new ArrayList<>(rows.stream().map(row -> row[c]).toList());
            values.sort(null);
            out[column] = values.size() % 2 == 1 ? values.get(values.size() / 2)
                    : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2;
        }
        return out;
    }

    /** One client, in this JVM: the evaluation, then its figures on one line. */
    private static void run(String mode, String baseUrl) throws Exception {
        AtomicLong peakAfterGc = new AtomicLong();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                            .getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed)
                            .sum();
                    peakAfterGc.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        List<Example> examples = new ArrayList<>(EXAMPLES);
        for (int i = 0; i < EXAMPLES; i++) {
            examples.add(new Example(Map.of("question", "Question " + i), Map.of("answer", "Paris")));
        }
        Path work = Files.createTempDirectory("signet-batch-bench");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("bench").baseUrl(baseUrl).model("bench")
                .build()) {
            Signet signet = Signet.builder().languageModel(lm).build();
            Evaluator evaluator;
            Signet handle = signet;
            if (mode.equals("batch")) {
                BatchModel batch = BatchModel.builder(lm).checkpoint(work.resolve("bench.batch.json"))
                        .pollInterval(Duration.ofMillis(50), Duration.ofMillis(200)).build();
                handle = signet.withModel(batch);
                evaluator = Evaluator.builder().batch(batch).build();
            } else {
                evaluator = Evaluator.builder().concurrency(IN_FLIGHT).build();
            }
            QAPredictor qa = QAPredictor.create(handle);
            System.gc();
            peakAfterGc.set(0);
            HeapSampler sampler = HeapSampler.start(10);
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            EvaluationResult result = evaluator.evaluate(examples,
                    example -> qa.predictAsync(example.<String>input("question")), Metrics.exactMatch("answer"));
            long wall = (System.nanoTime() - start) / 1_000_000;
            long cpuMillis = (os.getProcessCpuTime() - cpu) / 1_000_000;
            sampler.stop();
            if (result.meanScore() != 1.0 || result.total() != EXAMPLES) {
                throw new IllegalStateException("unexpected result: " + result.meanScore() + " over "
                        + result.total());
            }
            System.out.printf(Locale.ROOT, "RESULT %s %d %d %d %d%n", mode, cpuMillis, sampler.peak() >> 20,
                    peakAfterGc.get() >> 20, wall);
        }
        System.exit(0);
    }
}
