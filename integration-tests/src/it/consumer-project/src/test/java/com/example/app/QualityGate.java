package com.example.app;

import dev.signet.Signet;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Metrics;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.SignetProject;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The project definition signet:evaluate runs. Its stand-in model answers right only when the prompt carries the
 * baked instructions, so the gate passes only if the baked prompt is used.
 */
public final class QualityGate implements SignetProject {
    @Override
    public Signet signet() {
        LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
        server.respondWith(request -> Reply.fields("answer",
                request.messages().get(0).content().contains("Answer in one word.") ? "Herbert" : "Frank Herbert, author"));
        OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("gate").baseUrl(server.baseUrl()).build();
        return Signet.builder().languageModel(new ClosingModel(lm, server)).build();
    }

    @Override
    public ProgramFactory program() {
        return signet -> {
            BakedPredictor baked = BakedPredictor.create(signet);
            return example -> baked.predictAsync(example.input("question"));
        };
    }

    @Override
    public Metric metric() {
        return Metrics.exactMatch("answer");
    }

    @Override
    public List<Example> devset() {
        List<Example> dev = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dev.add(new Example(Map.of("question", "Who wrote Dune? (" + i + ")"), Map.of("answer", "Herbert")));
        }
        return dev;
    }

    /** The SDK model, closing the loopback server with it. */
    private record ClosingModel(OpenAiLanguageModel lm, LoopbackOpenAiServer server)
            implements LanguageModel, AutoCloseable {
        @Override
        public CompletableFuture<Completion> complete(LmRequest request) {
            return lm.complete(request);
        }

        @Override
        public Completion completeBlocking(LmRequest request) {
            return lm.completeBlocking(request);
        }

        @Override
        public void close() {
            lm.close();
            server.close();
        }
    }
}
