package dev.signet.adapter;

import dev.signet.Outputs;
import dev.signet.OutputParseException;
import dev.signet.SignatureDescription;
import dev.signet.lm.Message;
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
     * Parses a reply.
     *
     * @param signature the signature
     * @param completion the model's reply text
     * @return every output field's value
     * @throws OutputParseException if a field is missing or malformed
     */
    Outputs parse(SignatureDescription signature, String completion);
}
