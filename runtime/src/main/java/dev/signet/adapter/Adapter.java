package dev.signet.adapter;

import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.LmRequest.ResponseFormat;
import dev.signet.lm.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a signature and a call's inputs into chat messages, and the model's reply back into typed outputs:
 * {@link ChatAdapter} (DSPy's, the default) or {@link JsonAdapter} (native structured outputs). Implementations
 * are immutable and thread-safe.
 */
public interface Adapter {
    /** @return the adapter's name, as prompt artifacts record it ({@code ChatAdapter}, {@code JsonAdapter}) */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Prepares what does not change from call to call (for the ChatAdapter: the system message and the demo
     * turns), so that each call renders only its own inputs. Predictors prepare once, when they are created.
     *
     * @param signature the signature, as the model sees it
     * @param state the instructions to use and the demos, rendered as earlier turns (a field missing from a demo
     *     is one it does not supply)
     * @return a renderer of the messages for any inputs
     */
    PreparedPrompt prepare(SignatureDescription signature, PromptState state);

    /**
     * Renders the messages of one call: {@code prepare(signature, state).render(inputs)}.
     *
     * @param signature the signature, as the model sees it
     * @param state the instructions and demos
     * @param inputs the call's input values by field name
     * @return the messages to send
     */
    default List<Message> format(SignatureDescription signature, PromptState state, Map<String, Object> inputs) {
        return prepare(signature, state).render(inputs);
    }

    /**
     * The messages with a {@code {{field}}} placeholder where each input's value goes: what a prompt artifact
     * records, and what {@code signet:export} writes.
     *
     * @param signature the signature, as the model sees it
     * @param state the instructions and demos
     * @return the messages, each input's value replaced by {@code {{name}}}
     */
    default List<Message> template(SignatureDescription signature, PromptState state) {
        return prepare(signature, state).template(signature);
    }

    /** The messages of a signature for any inputs, with the fixed parts rendered once. Thread-safe. */
    @FunctionalInterface
    interface PreparedPrompt {
        /**
         * @param inputs the call's input values by field name (an absent optional input may be left out)
         * @return the messages to send
         */
        List<Message> render(Map<String, Object> inputs);

        /** @return the messages with {@code {{name}}} in place of each input of the signature */
        default List<Message> template(SignatureDescription signature) {
            Map<String, Object> placeholders = new LinkedHashMap<>();
            signature.inputs().forEach(input -> placeholders.put(input.name(), "{{" + input.name() + "}}"));
            return render(placeholders);
        }
    }

    /**
     * The native structured-output format this adapter asks for, if any. The default: none, a free-text
     * reply.
     *
     * @param signature the signature
     * @return the response format, or {@code null}
     */
    default ResponseFormat responseFormat(SignatureDescription signature) {
        return null;
    }

    /**
     * A reader of this adapter's replies as they stream, for one reply: it reports each output as it grows and
     * when it is done. The default reports nothing until the reply is whole (then {@link #parse} does).
     *
     * @param signature the signature
     * @return a new parser, for one reply
     */
    default PartialParser partialParser(SignatureDescription signature) {
        return PartialParser.SILENT;
    }

    /**
     * Parses a reply.
     *
     * @param signature the signature
     * @param completion the model's reply text
     * @return every output field's value
     * @throws OutputParseException if a field is missing or malformed
     */
    Outputs parse(SignatureDescription signature, String completion);
}
