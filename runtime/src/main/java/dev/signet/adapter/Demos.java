package dev.signet.adapter;

import dev.signet.core.Field;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.PythonValues;
import dev.signet.rules.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DSPy's rules for demos and user turns, which both adapters follow ({@code adapters/base.py} format_demos,
 * {@code chat_adapter.py} format_user_message_content): a demo is complete when it has every field and none is
 * None; an incomplete one is shown only if it has an input and an output, before the complete ones, under a
 * sentence saying so; a user turn holds only the inputs the demo or call has. A key absent from a demo is a field
 * it does not supply; a {@code null} or empty {@code Optional} value is one it supplies as None.
 */
final class Demos {
    static final String INCOMPLETE_PREFIX =
            "This is an example of the task, though some input or output fields are not supplied.";
    /** What an incomplete demo's assistant turn says for an output it lacks (DSPy keeps the trailing space). */
    static final String NOT_SUPPLIED = "Not supplied for this particular example. ";

    /** A demo as it is shown: its values, and whether it is complete. */
    record Shown(Map<String, Object> values, boolean complete) {}

    private Demos() {}

    /** The demos shown, incomplete ones first, each group in the given order; demos without an input or output dropped. */
    static List<Shown> shown(List<Map<String, Object>> demos, SignatureDescription signature) {
        List<Shown> complete = new ArrayList<>();
        List<Shown> incomplete = new ArrayList<>();
        for (Map<String, Object> demo : demos) {
            if (signature.fields().stream().allMatch(f -> demo.containsKey(f.name()) && !isNone(demo.get(f.name())))) {
                complete.add(new Shown(demo, true));
            } else if (hasAny(demo, signature.inputs()) && hasAny(demo, signature.outputs())) {
                incomplete.add(new Shown(demo, false));
            }
        }
        List<Shown> shown = new ArrayList<>(incomplete);
        shown.addAll(complete);
        return shown;
    }

    static boolean isNone(Object value) {
        return value == null || (value instanceof Optional<?> optional && optional.isEmpty());
    }

    private static boolean hasAny(Map<String, Object> demo, List<Field> fields) {
        return fields.stream().anyMatch(f -> demo.containsKey(f.name()));
    }

    /**
     * A user turn: {@code prefix}, a block for each input the values hold, {@code suffix}, joined by blank lines
     * and stripped.
     */
    static String userTurn(String prefix, SignatureDescription signature, Map<String, Object> values, String suffix) {
        List<String> parts = new ArrayList<>();
        parts.add(prefix);
        for (Field input : signature.inputs()) {
            if (values.containsKey(input.name())) {
                parts.add(ChatAdapter.header(input.name()) + "\n"
                        + neutralised(format(values.get(input.name()), input), signature));
            }
        }
        parts.add(suffix);
        return String.join("\n\n", parts).strip();
    }

    /**
     * An input value with the markers of the signature's outputs (and {@code [[ ## completed ## ]]}) spaced apart,
     * {@code [ [ ## answer ## ] ]}: a model that echoes its inputs could otherwise forge an output section from
     * text the caller passed in (DSPy sends such values unchanged). Other text is untouched.
     */
    static String neutralised(String value, SignatureDescription signature) {
        if (!value.contains("[[ ## ")) {
            return value;
        }
        String out = value;
        List<String> names = new ArrayList<>();
        signature.outputs().forEach(f -> names.add(f.name()));
        names.add(Names.COMPLETED);
        for (String name : names) {
            out = out.replace("[[ ## " + name + " ## ]]", "[ [ ## " + name + " ## ] ]");
        }
        return out;
    }

    /** A value as the chat format writes it; None for {@code null}. */
    static String format(Object value, Field field) {
        return value == null ? "None" : PythonValues.format(value, field.type());
    }
}
