package dev.signet.adapter;

import dev.signet.Outputs;
import dev.signet.OutputParseException;
import dev.signet.SignatureDescription;
import dev.signet.lm.Message;
import dev.signet.lm.ResponseFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns a signature and a call's inputs into chat messages, and the model's reply back into typed outputs.
 * Implementations are immutable and thread-safe.
 */
public interface Adapter {
    /**
     * Renders the messages of one call.
     *
     * @param signature the signature
     * @param instructions the instructions to use (the signature's, or optimized ones)
     * @param demos worked examples: field values by name, rendered as earlier turns
     * @param inputs the call's input values by field name
     * @return the messages to send
     */
    List<Message> format(SignatureDescription signature, String instructions, List<Map<String, Object>> demos,
            Map<String, Object> inputs);

    /**
     * Prepares what does not change from call to call (for the ChatAdapter: the system message and the demo
     * turns), so that each call renders only its own inputs. Predictors prepare once, when they are created.
     *
     * @param signature the signature
     * @param instructions the instructions to use
     * @param demos worked examples, as for {@link #format}
     * @return a renderer giving the same messages as {@link #format} for any inputs
     */
    default PreparedPrompt prepare(SignatureDescription signature, String instructions,
            List<Map<String, Object>> demos) {
        List<Map<String, Object>> fixedDemos = List.copyOf(demos);
        return inputs -> format(signature, instructions, fixedDemos, inputs);
    }

    /** The messages of a signature for any inputs, with the fixed parts rendered once. Thread-safe. */
    @FunctionalInterface
    interface PreparedPrompt {
        /**
         * @param inputs the call's input values by field name
         * @return the messages to send
         */
        List<Message> render(Map<String, Object> inputs);
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
     * Parses a reply.
     *
     * @param signature the signature
     * @param completion the model's reply text
     * @return every output field's value
     * @throws OutputParseException if a field is missing or malformed
     */
    Outputs parse(SignatureDescription signature, String completion);
}
