package dev.signet.cache;

import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A language model that answers repeated requests from a cache. Off unless added:
 *
 * <pre>{@code
 * Signet cached = signet.withModel(CachingLanguageModel.wrap(signet.languageModel(), new DiskCache(dir)));
 * }</pre>
 *
 * <p>The key is a SHA-256 of everything that shapes the answer: the wrapped model's {@link LanguageModel#id()},
 * the messages, the options (model, temperature, max tokens, seed) and the response format. Attempts that
 * differ by seed (BestOfN, Refine) therefore keep distinct entries. A hit is marked on the completion
 * ({@link Completion#cached()}) and costs no usage. Failures are not cached.
 */
public final class CachingLanguageModel implements LanguageModel, AutoCloseable {
    private final LanguageModel delegate;
    private final Cache cache;

    private CachingLanguageModel(LanguageModel delegate, Cache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    public static CachingLanguageModel wrap(LanguageModel delegate, Cache cache) {
        return new CachingLanguageModel(delegate, cache);
    }

    @Override
    public CompletableFuture<Completion> complete(LmRequest request) {
        String key = key(request);
        Optional<Completion> hit = cache.get(key);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture(hit.get().asCacheHit());
        }
        return delegate.complete(request).thenApply(completion -> {
            cache.put(key, completion);
            return completion;
        });
    }

    @Override
    public Completion completeBlocking(LmRequest request) {
        String key = key(request);
        Optional<Completion> hit = cache.get(key);
        if (hit.isPresent()) {
            return hit.get().asCacheHit();
        }
        Completion completion = delegate.completeBlocking(request);
        cache.put(key, completion);
        return completion;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    /** The stable hash of everything that shapes the answer. */
    String key(LmRequest request) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, "model-id", delegate.id());
        LmOptions options = request.options();
        field(canonical, "model", options.model());
        field(canonical, "temperature", options.temperature());
        field(canonical, "max-tokens", options.maxTokens());
        field(canonical, "seed", options.seed());
        if (request.responseFormat() != null) {
            field(canonical, "format-name", request.responseFormat().name());
            field(canonical, "format-strict", request.responseFormat().strict());
            field(canonical, "format-schema", new java.util.TreeMap<>(request.responseFormat().schema()));
        }
        for (Message message : request.messages()) {
            field(canonical, message.role().wireName(), message.content());
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

    /** Closes the wrapped model, if it holds resources. */
    @Override
    public void close() throws Exception {
        dev.signet.internal.Resources.closeIfCloseable(delegate);
    }

    @Override
    public String toString() {
        return "CachingLanguageModel[" + delegate + "]";
    }
}
