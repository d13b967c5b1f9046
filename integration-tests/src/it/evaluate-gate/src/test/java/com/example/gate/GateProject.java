package com.example.gate;

import dev.signet.Signet;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Metrics;
import dev.signet.lm.BatchApi;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.SignetProject;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** signet:evaluate's project: the Codes predictor on the task simulator; -Dgate.devset picks the dataset. */
public final class GateProject implements SignetProject {
    private final Path base;

    public GateProject(Path baseDirectory) {
        this.base = baseDirectory;
    }

    @Override
    public Signet signet() {
        LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(TaskSimulator.codes(11, 30));
        OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("gate").baseUrl(server.baseUrl()).build();
        return Signet.builder().languageModel(new ClosingModel(lm, server)).build();
    }

    @Override
    public ProgramFactory program() {
        return signet -> {
            CodesPredictor codes = CodesPredictor.create(signet);
            return example -> codes.predictAsync(example.input("question"));
        };
    }

    @Override
    public Metric metric() {
        return Metrics.exactMatch("answer");
    }

    @Override
    public List<Example> devset() {
        return Dataset.loadJsonl(base.resolve(System.getProperty("gate.devset", "src/test/signet/dev.jsonl")),
                CodesPredictor.SIGNATURE);
    }

    /** The SDK model, closing the loopback server with it. */
    private record ClosingModel(OpenAiLanguageModel lm, LoopbackOpenAiServer server)
            implements LanguageModel, AutoCloseable {
        @Override
        public CompletableFuture<Completion> complete(LmRequest request) {
            return lm.complete(request);
        }

        @Override
        public Optional<BatchApi> batchApi() {
            return lm.batchApi(); // so that -Dsignet.batch=true can send the calls as batches
        }

        @Override
        public void close() {
            lm.close();
            server.close();
        }
    }
}
