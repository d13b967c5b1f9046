package dev.signet;

import dev.signet.adapter.Adapter;
import dev.signet.adapter.JsonAdapter;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.LmRequest.ResponseFormat;
import dev.signet.lm.Message;
import java.util.List;
import java.util.Map;

/**
 * A signature's prompt prepared by an adapter for one prompt state: what stays the same from call to call is
 * rendered once. The JSON fallback's rendering of the same prompt is prepared on first use.
 */
final class Prompt {
    private static final JsonAdapter JSON = new JsonAdapter();

    final Adapter adapter;
    final SignatureDescription signature;
    final PromptState state;
    private final Adapter.PreparedPrompt prepared;
    private final ResponseFormat format;
    private volatile Prompt json;

    Prompt(Adapter adapter, SignatureDescription signature, PromptState state) {
        this.adapter = adapter;
        this.signature = signature;
        this.state = state;
        this.prepared = adapter.prepare(signature, state);
        this.format = adapter.responseFormat(signature);
    }

    List<Message> render(Map<String, Object> inputs) {
        return prepared.render(inputs);
    }

    /** @return the messages with {@code {{name}}} in place of each input */
    List<Message> template() {
        return prepared.template(signature);
    }

    ResponseFormat format() {
        return format;
    }

    /** The same prompt through the JsonAdapter, for the fallback after a reply the ChatAdapter could not parse. */
    Prompt asJson() {
        if (adapter instanceof JsonAdapter) {
            return this;
        }
        Prompt prompt = json;
        if (prompt == null) {
            prompt = new Prompt(JSON, signature, state);
            json = prompt;
        }
        return prompt;
    }

    /** The same prompt for another signature (Refine's, with the hint input). */
    Prompt withSignature(SignatureDescription other) {
        return new Prompt(adapter, other, state);
    }
}
