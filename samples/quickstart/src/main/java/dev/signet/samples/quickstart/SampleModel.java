package dev.signet.samples.quickstart;

import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.RecordedRequest;
import dev.signet.testing.Reply;
import dev.signet.testing.TaskSimulator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The model the sample and its optimization talk to: the endpoint configured by {@code OPENAI_API_KEY},
 * {@code OPENAI_BASE_URL} and {@code SIGNET_MODEL} when {@code OPENAI_API_KEY} is set; otherwise Signet's bundled
 * loopback server, where a simulator plays the model: canned answers for {@link QA} and {@link Emotion}, and for
 * {@link ItemCode} a {@link TaskSimulator} that answers right more often the more demos the prompt shows, so
 * that optimizing the prompt pays off. Closing it closes the client and the server.
 */
public final class SampleModel implements LanguageModel, AutoCloseable {
    /** The simulated catalogue: its seed and size (the JSONL datasets under src/test/signet hold its codes). */
    static final long CATALOGUE_SEED = 7;
    static final int CATALOGUE_SIZE = 40;

    private final OpenAiLanguageModel client;
    private final LoopbackOpenAiServer loopback;

    private SampleModel(OpenAiLanguageModel client, LoopbackOpenAiServer loopback) {
        this.client = client;
        this.loopback = loopback;
    }

    /** @return the configured endpoint, or the simulator when {@code OPENAI_API_KEY} is unset or blank */
    public static SampleModel open() {
        String key = System.getenv("OPENAI_API_KEY");
        if (key != null && !key.isBlank()) {
            return new SampleModel(OpenAiLanguageModel.fromEnv(), null);
        }
        TaskSimulator catalogue = TaskSimulator.codes(CATALOGUE_SEED, CATALOGUE_SIZE);
        LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(request -> {
            String system = request.messages().get(0).content();
            if (system.contains("`sentence`")) {
                return Reply.fields("feeling", "JOY", "confidence", "0.93");
            }
            if (system.contains("catalogue code")) {
                return catalogue.respond(request);
            }
            if (system.contains("`question`")) {
                return Reply.fields("answer", "Frank Herbert");
            }
            return Reply.error(400, "the sample's simulator only knows the quickstart's signatures");
        });
        return new SampleModel(OpenAiLanguageModel.builder().apiKey("loopback").baseUrl(server.baseUrl())
                .model("simulator").build(), server);
    }

    /** @return whether this is the bundled simulator rather than a configured endpoint */
    public boolean simulated() {
        return loopback != null;
    }

    /** @return the requests the simulator received, newest last; empty for a configured endpoint */
    public List<RecordedRequest> requestsSeen() {
        return Optional.ofNullable(loopback).map(LoopbackOpenAiServer::requests).orElse(List.of());
    }

    /** @return where the requests go and to which model */
    public String describe() {
        return client.baseUrl() + " with model " + client.model();
    }

    @Override
    public CompletableFuture<Completion> complete(LmRequest request) {
        return client.complete(request);
    }

    @Override
    public Completion completeBlocking(LmRequest request) {
        return client.completeBlocking(request);
    }

    @Override
    public String id() {
        return client.id();
    }

    @Override
    public void close() {
        client.close();
        if (loopback != null) {
            loopback.close();
        }
    }
}
