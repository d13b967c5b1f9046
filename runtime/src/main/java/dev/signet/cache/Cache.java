package dev.signet.cache;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.ModelCall;
import dev.signet.lm.Completion;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.lm.ToolCall;
import dev.signet.lm.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Stores completions by request key, and answers repeated model calls from the store: a link of the chain.
 * Off unless added:
 *
 * <pre>{@code
 * Signet cached = signet.withInterceptor(Cache.onDisk(Path.of(".signet-cache")));
 * }</pre>
 *
 * <p>The key ({@link #key}) is a SHA-256 of everything that shapes the answer: the language model's id, the
 * messages, the options (model, temperature, max tokens, seed, reasoning effort) and the response format.
 * Attempts that differ by seed (BestOfN, Refine) therefore keep distinct entries. A hit is marked on the
 * completion ({@link Completion#cached()}) and costs no usage. Failures are not cached. Add the cache before a
 * budget, so that a hit does not count against it.
 *
 * <p>Implementations are thread-safe and never fail a call: a store that can't be read or written behaves as a
 * miss.
 */
public interface Cache extends Interceptor {
    /**
     * A cache in memory that keeps the most recently used completions.
     *
     * @param maxEntries how many completions it keeps, at least 1
     */
    static Cache inMemory(int maxEntries) {
        return new MemoryCache(maxEntries);
    }

    /**
     * A cache in a directory: one small JSON file per request key, written atomically, so that threads and
     * processes can share the directory (a reader sees a whole entry or none); an unreadable entry is a miss,
     * logged at WARN once per file.
     *
     * @param directory where the entries go; created when the first is stored
     */
    static Cache onDisk(Path directory) {
        return new DiskCache(directory);
    }

    /** @return the completion stored under a key, if any */
    Optional<Completion> get(String key);

    /** Stores a completion under a key. */
    void put(String key, Completion completion);

    @Override
    default CompletableFuture<Exchange> intercept(Chain chain) {
        ModelCall call = chain.call();
        String key = key(call);
        Optional<Completion> hit = get(key);
        if (hit.isPresent()) {
            call.replay(hit.get().text()); // a streaming caller gets the cached reply as one piece
            return CompletableFuture.completedFuture(Exchange.of(call, hit.get().asCacheHit()));
        }
        return chain.proceed(call).thenApply(exchange -> {
            if (!exchange.completion().cached()) {
                put(key, exchange.completion());
            }
            return exchange;
        });
    }

    /** The stable hash of everything that shapes the answer to a call. */
    static String key(ModelCall call) {
        return key(call.languageModelId(), call.request());
    }

    /**
     * The stable hash of everything that shapes the answer to a request sent to a language model (by its
     * {@code id()}): a cache's key, and a batched request's identity.
     */
    static String key(String languageModelId, LmRequest request) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, "model-id", languageModelId);
        LmOptions options = request.options();
        field(canonical, "model", options.model());
        field(canonical, "temperature", options.temperature());
        field(canonical, "max-tokens", options.maxTokens());
        field(canonical, "seed", options.seed());
        if (options.reasoningEffort() != null) { // absent from the keys of requests without one, as before it existed
            field(canonical, "reasoning-effort", options.reasoningEffort());
        }
        if (request.responseFormat() != null) {
            field(canonical, "format-name", request.responseFormat().name());
            field(canonical, "format-strict", request.responseFormat().strict());
            field(canonical, "format-schema", new TreeMap<>(request.responseFormat().schema()));
        }
        for (ToolDefinition tool : request.tools()) { // absent from the keys of requests without tools
            field(canonical, "tool", tool.name());
            field(canonical, "tool-description", tool.description());
            field(canonical, "tool-parameters", new TreeMap<>(tool.parameters()));
        }
        for (Message message : request.messages()) {
            field(canonical, message.role().wireName(), message.content());
            for (ToolCall toolCall : message.toolCalls()) {
                field(canonical, "tool-call", toolCall.id() + " " + toolCall.name() + " " + toolCall.arguments());
            }
            if (message.toolCallId() != null) {
                field(canonical, "tool-call-id", message.toolCallId());
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Length-prefixed, so that no two different requests write the same text. */
    private static void field(StringBuilder out, String name, Object value) {
        String text = String.valueOf(value);
        out.append(name).append(':').append(text.length()).append(':').append(text).append('\n');
    }
}
