package dev.signet.benchmarks;

import dev.signet.adapter.ChatAdapter;
import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.lm.Message;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Signet's own CPU work per call, without any I/O: rendering the messages and parsing the reply. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdapterBenchmark {
    private final ChatAdapter adapter = new ChatAdapter();
    private final Map<String, Object> inputs = Map.of("question", "What is the capital of France?");
    private final String reply = "[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]";

    @Benchmark
    public List<Message> format() {
        return adapter.format(QAPredictor.SIGNATURE, new PromptState(QAPredictor.SIGNATURE.instructions(), List.of()), inputs);
    }

    @Benchmark
    public Outputs parse() {
        return adapter.parse(QAPredictor.SIGNATURE, reply);
    }

    // A six-field signature with nested records and four demos: issue 3's target is under 50 us for both.
    private final List<Map<String, Object>> demos = triageDemos();
    private final Map<String, Object> triageInputs = Map.of(
            "ticket", "I was charged twice for my subscription this month.",
            "customer", new Triage.Customer("Zoë Martin", 2, Optional.of("zoe@example.com")),
            "history", List.of("2026-10-02 password reset", "2026-11-01 invoice question"));
    private final String triageReply = String.join("\n",
            "[[ ## team ## ]]",
            "BILLING",
            "",
            "[[ ## urgency ## ]]",
            "4",
            "",
            "[[ ## actions ## ]]",
            "[{\"title\": \"Refund the duplicate charge\", \"owner\": {\"name\": \"Ana\", \"team\": \"BILLING\"}, "
                    + "\"due\": \"2026-11-26\"}, {\"title\": \"Check the payment provider\", \"owner\": "
                    + "{\"name\": \"Raj\", \"team\": \"TECHNICAL\"}, \"due\": null}]",
            "",
            "[[ ## scores ## ]]",
            "{\"billing\": 0.92, \"technical\": 0.31}",
            "",
            "[[ ## completed ## ]]");

    private static List<Map<String, Object>> triageDemos() {
        List<Map<String, Object>> demos = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> demo = new java.util.LinkedHashMap<>();
            demo.put("ticket", "Ticket number " + i + ": the app crashes when I upload a photo.");
            demo.put("customer", new Triage.Customer("Customer " + i, i % 3, Optional.empty()));
            demo.put("history", List.of("first contact"));
            demo.put("team", Triage.Team.TECHNICAL);
            demo.put("urgency", 3);
            demo.put("actions", List.of(new Triage.Action("Reproduce the crash", new Triage.Owner("Raj",
                    Triage.Team.TECHNICAL), Optional.of(java.time.LocalDate.of(2026, 12, 1)))));
            demo.put("scores", Map.of("technical", 0.8));
            demos.add(demo);
        }
        return demos;
    }

    /** Renders the six-field signature with its four demos (the whole prompt, nothing cached). */
    @Benchmark
    public List<Message> formatTriageWithDemos() {
        return adapter.format(TriagePredictor.SIGNATURE,
                new PromptState(TriagePredictor.SIGNATURE.instructions(), demos), triageInputs);
    }

    /** Parses a reply with nested records, a list, a map and an empty optional. */
    @Benchmark
    public Outputs parseTriage() {
        return adapter.parse(TriagePredictor.SIGNATURE, triageReply);
    }
}
