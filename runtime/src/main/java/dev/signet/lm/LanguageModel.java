package dev.signet.lm;

import dev.signet.internal.Futures;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one thing Signet needs from an LLM client: complete a chat, asynchronously.
 *
 * <p>{@code signet-openai}'s {@code OpenAiLanguageModel} implements it on the official OpenAI Java SDK; another
 * client takes a few lines:
 *
 * <pre>{@code
 * LanguageModel echo = request -> CompletableFuture.completedFuture(
 *         new Completion("[[ ## answer ## ]]\n42\n\n[[ ## completed ## ]]", "echo", Usage.ZERO, "stop"));
 * Signet signet = Signet.builder().languageModel(echo).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and must not block the calling thread in {@link #complete}. Failures
 * complete the future exceptionally, preferably with a {@link LanguageModelException}.
 */
@FunctionalInterface
public interface LanguageModel {
    /**
     * Sends one chat request.
     *
     * @param request the messages and options
     * @return the completion, or a future completed exceptionally with a {@link LanguageModelException}
     */
    CompletableFuture<Completion> complete(LmRequest request);

    /**
     * Sends one chat request and waits for the answer. Blocking calls of generated predictors use this. The
     * default waits for {@link #complete}; implementations with a cheaper blocking path (no hand-off between
     * threads) override it.
     *
     * @param request the messages and options
     * @return the completion
     * @throws LanguageModelException when the model can't answer
     */
    default Completion completeBlocking(LmRequest request) {
        return Futures.await(complete(request));
    }

    /**
     * Sends one chat request and streams the reply: {@code onText} gets each piece of the text as it arrives, in
     * order, on whatever thread the client reads on; the future completes with the whole completion (usage,
     * finish reason) after the last piece. Cancelling the future stops the stream and closes its connection. A
     * failure after the first piece completes the future with a {@link LanguageModelException} whose
     * {@link LanguageModelException#partialText()} holds what came.
     *
     * <p>The default does not stream: it waits for {@link #complete} and hands the whole text over at once.
     *
     * @param request the messages and options
     * @param onText told each piece of the reply's text
     * @return the completion
     */
    default CompletableFuture<Completion> stream(LmRequest request, Consumer<String> onText) {
        return complete(request).thenApply(completion -> {
            onText.accept(completion.text());
            return completion;
        });
    }

    /**
     * What identifies this model's answers, for caches: two language models with the same id answer a request
     * the same way. The default is the class name; implementations add what selects the model (endpoint,
     * default model name).
     */
    default String id() {
        return getClass().getName();
    }

    /**
     * The model a request is sent to when its options name none, if this client knows it: what traces record
     * as {@code gen_ai.request.model} and prices are looked up by.
     */
    default Optional<String> defaultModel() {
        return Optional.empty();
    }

    /**
     * The provider's Batch API for this model's requests, if it has one: what a {@link dev.signet.batch.BatchModel}
     * sends through ({@code BatchModel.of(model)}), at half the price, answered within hours.
     */
    default Optional<BatchApi> batchApi() {
        return Optional.empty();
    }
}
