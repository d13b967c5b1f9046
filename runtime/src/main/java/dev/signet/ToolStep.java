package dev.signet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a ReAct trajectory: what the model thought, which tool it called with which arguments, and what
 * came back (the tool's result, or the error it raised, as the model saw it).
 *
 * @param thought the model's thought
 * @param tool the tool's name ({@code finish} to end)
 * @param arguments the arguments the model gave
 * @param observation what the model was shown next
 */
public record ToolStep(String thought, String tool, Map<String, Object> arguments, String observation) {
    public ToolStep {
        Objects.requireNonNull(thought, "thought");
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(
                new LinkedHashMap<>(arguments));
        Objects.requireNonNull(observation, "observation");
    }
}
