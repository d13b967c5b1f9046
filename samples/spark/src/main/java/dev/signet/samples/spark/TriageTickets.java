package dev.signet.samples.spark;

import dev.signet.Signet;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.spark.PredictorFactory;
import dev.signet.spark.SparkPredictor;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Support tickets triaged on Spark by the generated {@code TriagePredictor}: a column of tickets in, typed columns
 * out ({@code category}, {@code urgency}, {@code summary}, and Signet's usage, latency and error columns).
 *
 * <p>With {@code OPENAI_API_KEY} set, the executors call that endpoint (on a cluster, give them the key:
 * {@code --conf spark.executorEnv.OPENAI_API_KEY=...}); without it, a scripted model on the loopback server, which
 * only local mode can reach. The master is spark-submit's, else {@code local[2]}. An argument names a JSON-lines
 * file of tickets ({@code {"ticket": "..."}} per line); without one, a few built in.
 */
public final class TriageTickets {
    private static final List<String> TICKETS = List.of(
            "I was charged twice for my subscription this month, please refund one of them.",
            "The export button crashes the app every time since the last update!",
            "How do I change the email address on my account?",
            "URGENT: checkout fails with error 500 for all our customers",
            "Can you send me last year's invoices?",
            "Do you have a dark mode?");

    private TriageTickets() {}

    public static void main(String[] args) {
        SparkSession.Builder builder = SparkSession.builder().appName("signet-triage");
        if (!System.getProperties().containsKey("spark.master")) {
            builder.master("local[2]").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.ui.enabled", "false");
        }
        SparkSession spark = builder.getOrCreate();
        LoopbackOpenAiServer simulator = System.getenv("OPENAI_API_KEY") == null ? simulator() : null;
        try {
            PredictorFactory triage;
            if (simulator == null) {
                System.out.println("Calling OpenAI from the executors.");
                triage = () -> TriagePredictor.create(Signet.fromEnv()).predictor();
            } else {
                String url = simulator.baseUrl();
                System.out.println("OPENAI_API_KEY is not set, so the executors call a scripted model on the loopback "
                        + "server at " + url + ".");
                triage = () -> TriagePredictor.create(Signet.builder().languageModel(OpenAiLanguageModel.builder()
                        .apiKey("simulated").baseUrl(url).model("simulated").build()).build()).predictor();
            }
            Dataset<Row> tickets = args.length > 0 ? spark.read().json(args[0])
                    : spark.createDataset(TICKETS, Encoders.STRING()).toDF("ticket");

            Dataset<Row> triaged = SparkPredictor.builder(triage).maxInFlight(16).build().transform(tickets);

            triaged.select("ticket", "category", "urgency", "summary", "signet_latency_ms", "signet_error")
                    .show(20, 40);
            triaged.groupBy("category").count().orderBy("category").show();
        } finally {
            spark.stop();
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    /** A scripted model: keywords choose the category, "urgent" and "all" the urgency. */
    private static LoopbackOpenAiServer simulator() {
        return LoopbackOpenAiServer.start().respondWith(request -> {
            String ticket = request.lastUserMessage().toLowerCase(Locale.ROOT);
            String category = ticket.contains("charged") || ticket.contains("invoice") || ticket.contains("refund")
                    ? "BILLING" : ticket.contains("crash") || ticket.contains("error") ? "BUG"
                    : ticket.contains("account") || ticket.contains("email") ? "ACCOUNT" : "OTHER";
            int urgency = ticket.contains("urgent") ? 5
                    : category.equals("BUG") ? 4 : category.equals("BILLING") ? 3 : 1;
            return Reply.fields("category", category, "urgency", Integer.toString(urgency),
                    "summary", category.charAt(0) + category.substring(1).toLowerCase(Locale.ROOT) + " request");
        });
    }
}
