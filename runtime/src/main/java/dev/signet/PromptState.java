package dev.signet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tunable part of a predictor's prompt: its instructions and its demos (worked examples, field values by
 * name). A handle holds prompt states by predictor name ({@link Signet#withPrompt}); optimizers produce them.
 *
 * @param instructions the instructions, replacing the signature's; {@code null} keeps the signature's
 * @param demos the demos, in order
 */
public record PromptState(String instructions, List<Map<String, Object>> demos) {
    public PromptState {
        List<Map<String, Object>> copies = new ArrayList<>();
        for (Map<String, Object> demo : demos) {
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(demo)));
        }
        demos = Collections.unmodifiableList(copies);
    }

    /** @return the signature's own instructions and no demos */
    public static PromptState of(SignatureDescription signature) {
        return new PromptState(signature.instructions(), List.of());
    }
}
