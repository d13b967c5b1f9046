package com.example.lookup;

import dev.signet.Signet;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Score;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.SignetProject;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * signet:optimize's project: the Lookup predictor on the simulator's sections task, whose rules only the metric's
 * feedback states.
 */
public final class SectionsProject implements SignetProject {
    private final TaskSimulator task = TaskSimulator.sections(5, 48);
    private final Dataset.Split split;

    public SectionsProject() {
        List<Example> examples = new ArrayList<>();
        task.answers().forEach((q, a) -> examples.add(new Example(Map.of("question", q), Map.of("answer", a))));
        split = Dataset.split(examples, 0.5, 3);
    }

    @Override
    public Signet signet() {
        LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(task);
        OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("it").baseUrl(server.baseUrl()).build();
        return Signet.builder().languageModel(new ClosingModel(lm, server)).build();
    }

    @Override
    public ProgramFactory program() {
        return signet -> {
            LookupPredictor lookup = LookupPredictor.create(signet);
            return example -> lookup.predictAsync(example.input("question"));
        };
    }

    @Override
    public Metric metric() {
        return (example, prediction) -> example.label("answer").equals(prediction.output())
                ? Score.of(1) : new Score(0, "Wrong. " + task.rule(example.input("question")).orElse(""));
    }

    @Override
    public List<Example> trainset() {
        return split.train();
    }

    @Override
    public List<Example> devset() {
        return split.dev();
    }

    /** The SDK model, closing the loopback server with it. */
    private record ClosingModel(OpenAiLanguageModel lm, LoopbackOpenAiServer server)
            implements LanguageModel, AutoCloseable {
        @Override
        public CompletableFuture<Completion> complete(LmRequest request) {
            return lm.complete(request);
        }

        @Override
        public void close() {
            lm.close();
            server.close();
        }
    }
}
