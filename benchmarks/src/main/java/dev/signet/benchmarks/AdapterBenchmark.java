package dev.signet.benchmarks;

import dev.signet.Outputs;
import dev.signet.adapter.ChatAdapter;
import dev.signet.lm.Message;
import java.util.List;
import java.util.Map;
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
        return adapter.format(QAPredictor.SIGNATURE, QAPredictor.SIGNATURE.instructions(), List.of(), inputs);
    }

    @Benchmark
    public Outputs parse() {
        return adapter.parse(QAPredictor.SIGNATURE, reply);
    }
}
