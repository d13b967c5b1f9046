package dev.signet.lm;

import java.util.Objects;

/**
 * A call of a tool that a model asked for through its provider's native tool calling (OpenAI's {@code tool_calls}).
 *
 * @param id the provider's id of the call, which the tool's result message refers to
 * @param name the tool's name
 * @param arguments the arguments, as the JSON text the model wrote (it may not parse: the caller checks)
 */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
