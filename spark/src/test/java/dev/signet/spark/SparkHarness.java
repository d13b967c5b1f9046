package dev.signet.spark;

import dev.signet.Signet;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * 20,000 rows through a {@link SparkPredictor} on Spark local mode with 2 executor cores (two partitions), 64 calls
 * in flight per partition, against a loopback server that answers each call after 100 ms: the ideal is
 * 20,000 / (2 × 64) waves of 100 ms = 15.6 s. One warm-up run of 2,000 rows, then three measured runs; prints each
 * and the median's ratio to the ideal. Not a test: a harness, run by hand.
 *
 * <p>Run: {@code mvn -B -q -pl spark -am test-compile exec:exec -Dexec.classpathScope=test
 * -Dspark.harness.skip=false}
 */
public final class SparkHarness {
    private static final int ROWS = 20_000;
    private static final int PARTITIONS = 2;
    private static final int IN_FLIGHT = 64;
    private static final Duration LATENCY = Duration.ofMillis(100);

    private SparkHarness() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[" + PARTITIONS + "]").appName("signet-spark-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> Reply.fields("answer", "Paris").withLatency(LATENCY));
            String url = server.baseUrl();
            SparkPredictor qa = SparkPredictor.builder(() -> QaPredictor.create(Signet.builder().languageModel(
                    OpenAiLanguageModel.builder().apiKey("bench").baseUrl(url).model("bench")
                            .maxConcurrentRequests(PARTITIONS * IN_FLIGHT).build()).build()).predictor())
                    .maxInFlight(IN_FLIGHT).build();
            double ideal = (double) ROWS / (PARTITIONS * IN_FLIGHT) * LATENCY.toMillis();
            System.out.printf(Locale.ROOT, "%,d rows, %d partitions, %d in flight each, %d ms latency: ideal %.0f ms%n",
                    ROWS, PARTITIONS, IN_FLIGHT, LATENCY.toMillis(), ideal);
            run(spark, qa, ROWS / 10, "warm-up");
            List<Long> times = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                times.add(run(spark, qa, ROWS, "round " + round));
            }
            Collections.sort(times);
            long median = times.get(1);
            System.out.printf(Locale.ROOT, "median %d ms = %.3fx the ideal (%d requests served)%n", median,
                    median / ideal, server.requestCount());
        } finally {
            spark.stop();
        }
    }

    private static long run(SparkSession spark, SparkPredictor qa, int rows, String label) {
        List<String> questions = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            questions.add("Question " + i);
        }
        Dataset<Row> input = spark.createDataset(questions, Encoders.STRING()).toDF("question")
                .repartition(PARTITIONS).cache();
        input.count(); // the input is built before the clock starts
        long start = System.nanoTime();
        qa.transform(input).write().format("noop").mode("overwrite").save();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "%s: %,d rows in %d ms%n", label, rows, millis);
        input.unpersist();
        return millis;
    }
}
