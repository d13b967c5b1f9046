package dev.signet.optimizers;

import dev.signet.Module;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.eval.Dataset;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Score;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A task simulator behind the loopback server, reached through the real OpenAI SDK, and a one-step program. */
final class Simulated implements AutoCloseable {
    static final SignatureDescription CODES = SignatureDescription.builder("com.example.Codes")
            .instructions("Give the code of the item.")
            .input("question", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();

    final TaskSimulator task;
    final LoopbackOpenAiServer server;
    final OpenAiLanguageModel lm;
    final Signet signet;
    final Dataset.Split split;
    /** Every metric call, counted where it happens. */
    final AtomicLong metricCalls = new AtomicLong();

    Simulated(TaskSimulator task) {
        this.task = task;
        this.server = LoopbackOpenAiServer.start().respondWith(task);
        this.lm = OpenAiLanguageModel.builder().apiKey("test").baseUrl(server.baseUrl()).model("simulated").build();
        this.signet = Signet.builder().languageModel(lm).build();
        List<Example> examples = new ArrayList<>();
        task.answers().forEach((q, a) -> examples.add(new Example(Map.of("question", q), Map.of("answer", a))));
        this.split = Dataset.split(examples, 0.5, 3);
    }

    static ProgramFactory program() {
        return handle -> {
            TypedPredictor<String> codes = TypedPredictor.create(handle, CODES, o -> ((String) o.get("answer")), Module.predict());
            return example -> codes.predictAsync(Map.of("question", example.input("question")));
        };
    }

    /** Exact match; a wrong answer's feedback gives the expected answer and, for the sections task, its rule. */
    Metric metric() {
        return (example, prediction) -> {
            metricCalls.incrementAndGet();
            String expected = example.label("answer");
            if (expected.equals(prediction.outputs().get("answer"))) {
                return Score.of(1);
            }
            String rule = task.rule(example.input("question")).map(r -> " " + r).orElse("");
            return new Score(0, "Wrong: the answer is " + expected + "." + rule);
        };
    }

    double score(Signet handle, List<Example> examples) {
        return Evaluator.builder().concurrency(8).build().evaluate(examples, program().build(handle), (e, p) ->
                Score.of(e.label("answer").equals(p.outputs().get("answer")) ? 1 : 0)).meanScore();
    }

    @Override
    public void close() {
        lm.close();
        server.close();
    }
}
