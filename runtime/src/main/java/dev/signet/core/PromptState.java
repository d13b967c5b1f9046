package dev.signet.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tunable part of a predictor's prompt: its instructions and its demos (worked examples, field values by
 * name; a field missing from a demo is one the demo does not supply). A handle holds prompt states by predictor
 * name ({@code Signet.withPrompt}); optimizers produce them.
 *
 * @param instructions the instructions, replacing the signature's; {@code null} keeps the signature's
 * @param demos the demos, in order
 */
public record PromptState(String instructions, List<Map<String, Object>> demos) {
    public PromptState {
        List<Map<String, Object>> copies = new ArrayList<>(demos.size());
        for (Map<String, Object> demo : demos) {
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(demo)));
        }
        demos = Collections.unmodifiableList(copies);
    }

    /** @return the signature's own instructions and no demos */
    public static PromptState of(SignatureDescription signature) {
        return new PromptState(signature.instructions(), List.of());
    }

    /** @return these demos with other instructions */
    public PromptState withInstructions(String instructions) {
        return new PromptState(instructions, demos);
    }

    /** @return these instructions with other demos */
    public PromptState withDemos(List<Map<String, Object>> demos) {
        return new PromptState(instructions, demos);
    }
}
