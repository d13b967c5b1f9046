package dev.signet.adapter;

import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.JsonCodec;
import dev.signet.internal.PythonValues;
import dev.signet.lm.Message;
import dev.signet.rules.Constraint;
import dev.signet.rules.Names;
import dev.signet.rules.PythonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DSPy's ChatAdapter format: field markers {@code [[ ## name ## ]]}, the same system message, demo turns and
 * output requirements, so that a prompt renders byte for byte as DSPy renders it. The format is specified
 * in {@code docs/chat-format.md}. Stateless and thread-safe.
 */
public final class ChatAdapter implements Adapter {
    private static final Pattern HEADER = Pattern.compile("^\\[\\[ ## (\\w+) ## \\]\\]");
    static final String INDENT = "        ";
    private static final String COMPLETED = "[[ ## " + Names.COMPLETED + " ## ]]";

    @Override
    public PreparedPrompt prepare(SignatureDescription signature, PromptState state) {
        String instructions = state.instructions() != null ? state.instructions() : signature.instructions();
        List<Demos.Shown> demos = Demos.shown(state.demos(), signature);
        List<Message> fixed = new ArrayList<>(1 + 2 * demos.size());
        fixed.add(Message.system(systemMessage(signature, instructions)));
        for (Demos.Shown demo : demos) {
            fixed.add(Message.user(Demos.userTurn(demo.complete() ? "" : Demos.INCOMPLETE_PREFIX,
                    signature, demo.values(), "")));
            fixed.add(Message.assistant(assistantMessage(signature, demo.values())));
        }
        List<Message> prefix = List.copyOf(fixed);
        String requirements = outputRequirements(signature);
        return inputs -> {
            List<Message> messages = new ArrayList<>(prefix.size() + 1);
            messages.addAll(prefix);
            messages.add(Message.user(Demos.userTurn("", signature, inputs, requirements)));
            return messages;
        };
    }

    /** The system message: field description, field structure and task description. */
    static String systemMessage(SignatureDescription signature, String instructions) {
        return fieldDescription(signature) + "\n" + fieldStructure(signature) + "\n" + taskDescription(instructions);
    }

    /** Reads the reply's sections as they stream: each is reported done, parsed, when the next one opens. */
    @Override
    public PartialParser partialParser(SignatureDescription signature) {
        return new ChatPartialParser(signature);
    }

    @Override
    public Outputs parse(SignatureDescription signature, String completion) {
        // Text before the first header is dropped; the first section for each name wins.
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : PythonText.splitLines(completion)) {
            String stripped = line.strip();
            Matcher header = HEADER.matcher(stripped);
            if (header.find()) {
                current = new ArrayList<>();
                String rest = stripped.substring(header.end()).strip();
                if (!rest.isEmpty()) {
                    current.add(rest);
                }
                sections.putIfAbsent(header.group(1), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Field field : signature.outputs()) {
            List<String> lines = sections.get(field.name());
            if (lines == null) {
                if (field.type().kind() == FieldType.Kind.OPTIONAL) {
                    values.put(field.name(), Optional.empty()); // an optional output the model left out
                } else {
                    missing.add(field.name());
                }
                continue;
            }
            values.put(field.name(), value(signature, field, String.join("\n", lines).strip(), completion));
        }
        if (!missing.isEmpty()) {
            throw new OutputParseException("The reply for " + signature.name() + " has no "
                    + markers(missing) + " section; expected the output fields " + markers(names(signature.outputs()))
                    + ". Reply began: '" + excerpt(completion) + "'", missing.get(0), completion);
        }
        return Outputs.of(values);
    }

    /**
     * One section's value: its text (stripped) parsed to its field's type.
     *
     * @throws OutputParseException if it is empty where its type needs a value, or does not parse
     */
    static Object value(SignatureDescription signature, Field field, String text, String completion) {
        FieldType.Kind kind = field.type().kind();
        // an empty str is "", as DSPy reads it; any other empty value is an error
        if (text.isEmpty() && kind != FieldType.Kind.OPTIONAL && kind != FieldType.Kind.STRING) {
            throw new OutputParseException("Output field `" + field.name() + "` of " + signature.name()
                    + " is empty; expected " + field.type().pythonName()
                    + " (declare it Optional if the model may leave it empty)", field.name(), completion);
        }
        try {
            return PythonValues.parse(text, field.type());
        } catch (JsonCodec.MismatchException e) {
            throw new OutputParseException("Output field `" + field.name() + "` of " + signature.name()
                    + " could not be parsed: at `" + field.name() + e.path() + "`: " + e.problem(),
                    field.name(), completion);
        } catch (IllegalArgumentException e) {
            throw new OutputParseException("Output field `" + field.name() + "` of " + signature.name()
                    + " could not be parsed: " + e.getMessage() + " (" + field.type().pythonName()
                    + "), got '" + excerpt(text) + "'", field.name(), completion);
        }
    }

    static String fieldDescription(SignatureDescription signature) {
        return "Your input fields are:\n" + fieldList(signature.inputs())
                + "\nYour output fields are:\n" + fieldList(signature.outputs());
    }

    private static String fieldList(List<Field> fields) {
        StringBuilder out = new StringBuilder();
        int index = 1;
        for (Field field : fields) {
            if (index > 1) {
                out.append('\n');
            }
            out.append(index++).append(". `").append(field.name()).append("` (")
                    .append(field.type().pythonName()).append("): ").append(field.description());
            if (!field.constraints().isEmpty()) {
                out.append("\nConstraints: ").append(field.constraints().stream().map(Constraint::text)
                        .collect(Collectors.joining(", ")));
            }
        }
        return out.toString().strip();
    }

    private static String fieldStructure(SignatureDescription signature) {
        StringBuilder out = new StringBuilder(
                "All interactions will be structured in the following way, with the appropriate values filled in.");
        out.append("\n\n").append(placeholders(signature.inputs(), false));
        out.append("\n\n").append(placeholders(signature.outputs(), true));
        out.append("\n\n").append(COMPLETED).append('\n');
        return out.toString().strip();
    }

    private static String placeholders(List<Field> fields, boolean withNotes) {
        List<String> blocks = new ArrayList<>(fields.size());
        for (Field field : fields) {
            String note = withNotes ? PythonValues.typeNote(field.type()) : "";
            blocks.add(header(field.name()) + "\n{" + field.name() + "}" + (note.isEmpty() ? "" : INDENT + note));
        }
        return String.join("\n\n", blocks);
    }

    /**
     * The task description: the instructions as DSPy reads them ({@code inspect.cleandoc}, whether they come from
     * the signature or a prompt state), dedented, each line indented by eight spaces.
     */
    static String taskDescription(String instructions) {
        StringBuilder out = new StringBuilder("In adhering to this structure, your objective is: ");
        for (String line : PythonText.splitLines(PythonText.dedent(PythonText.cleandoc(instructions)))) {
            out.append('\n').append(INDENT).append(line);
        }
        return out.toString();
    }

    private static String outputRequirements(SignatureDescription signature) {
        List<String> parts = new ArrayList<>();
        for (Field field : signature.outputs()) {
            String typeInfo = field.type().kind() == FieldType.Kind.STRING
                    ? ""
                    : " (must be formatted as a valid Python " + field.type().pythonName() + ")";
            parts.add("`" + header(field.name()) + "`" + typeInfo);
        }
        return "Respond with the corresponding output fields, starting with the field "
                + String.join(", then ", parts) + ", and then ending with the marker for `" + COMPLETED + "`.";
    }

    /** An assistant turn: every output (an absent one not supplied), stripped, then the completed marker. */
    private static String assistantMessage(SignatureDescription signature, Map<String, Object> demo) {
        List<String> blocks = new ArrayList<>(signature.outputs().size());
        for (Field field : signature.outputs()) {
            blocks.add(header(field.name()) + "\n" + (demo.containsKey(field.name())
                    ? Demos.format(demo.get(field.name()), field) : Demos.NOT_SUPPLIED));
        }
        return String.join("\n\n", blocks).strip() + "\n\n" + COMPLETED + "\n";
    }

    static String header(String name) {
        return "[[ ## " + name + " ## ]]";
    }

    static List<String> names(List<Field> fields) {
        List<String> names = new ArrayList<>(fields.size());
        fields.forEach(f -> names.add(f.name()));
        return names;
    }

    private static String markers(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        names.forEach(n -> out.add("`" + header(n) + "`"));
        return String.join(", ", out);
    }

    static String excerpt(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
    }
}
