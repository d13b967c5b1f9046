package dev.signet;

import dev.signet.adapter.OutputParseException;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Predict's and ChainOfThought's algorithm: one model call through the chain (which may add the JSON fallback
 * and repairs). BestOfN and Refine run it several times; native ReAct runs its prompt as a conversation with tools.
 */
class Single implements Runner {
    private final Predictor predictor;
    private final Prompt prompt;

    Single(Predictor predictor) {
        this.predictor = predictor;
        this.prompt = new Prompt(predictor.signet().adapter(), predictor.modelSignature(), predictor.promptState());
    }

    @Override
    public CompletableFuture<Result> run(Call call, Map<String, Object> inputs) {
        return step(call, prompt, inputs, predictor.signet().options(), call.attempts, call.blocking, call.sink);
    }

    /**
     * One model call with these inputs and options, its attempts recorded in {@code attempts}, its reply streamed
     * to {@code sink} (null: not streamed).
     */
    CompletableFuture<Result> step(Call call, Prompt with, Map<String, Object> inputs, LmOptions options,
            Call.Attempts attempts, boolean blocking, ModelCall.Sink sink) {
        Call forStep = call.withBlocking(blocking);
        ModelCall model;
        try {
            model = new ModelCall(forStep, predictor, with, inputs, attempts, Attempt.Kind.PREDICT,
                    new LmRequest(with.render(inputs), options, with.format()), sink);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return predictor.signet().send(model).thenApply(exchange -> {
            if (exchange.parseError() != null) {
                throw finalFailure(exchange.parseError(), attempts.list());
            }
            return new Result(exchange.outputs(), exchange.call().request().messages(), exchange.completion(),
                    List.of());
        });
    }

    private static OutputParseException finalFailure(OutputParseException last, List<Attempt> attempts) {
        List<String> completions = new ArrayList<>();
        attempts.forEach(a -> completions.add(a.completion().text()));
        String message = attempts.size() <= 1
                ? last.getMessage()
                : last.getMessage() + " (after " + attempts.size() + " attempts: " + attempts.stream()
                        .map(a -> a.kind().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")";
        return new OutputParseException(message, last.field().orElse(null), last.completion(), completions);
    }

    @Override
    public List<Message> preview(Map<String, Object> inputs) {
        return prompt.render(inputs);
    }

    @Override
    public List<Message> template() {
        return prompt.template();
    }

    @Override
    public Prompt prompt() {
        return prompt;
    }

    Prompt hinted(SignatureDescription signature) {
        return prompt.withSignature(signature);
    }
}
