package dev.signet;

import dev.signet.internal.JsonValues;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed Java function a {@link Strategy#react ReAct} predictor may call: its arguments are a record, whose
 * JSON Schema the model is shown; its result becomes the observation the model reads next.
 *
 * <pre>{@code
 * record SearchArgs(String query) {}
 * FieldType searchArgs = FieldType.recordOf(SearchArgs.class,
 *         List.of(new FieldType.Component("query", "what to look for", FieldType.STRING)),
 *         v -> new SearchArgs(v.get(0)), a -> List.of(a.query()));
 * Tool search = Tool.of("search", "Search the web.", searchArgs, (SearchArgs a) -> index.lookup(a.query()));
 * }</pre>
 */
public final class Tool {
    private final String name;
    private final String description;
    private final FieldType arguments;
    private final Function<Object, Object> function;

    private Tool(String name, String description, FieldType arguments, Function<Object, Object> function) {
        this.name = name;
        this.description = description;
        this.arguments = arguments;
        this.function = function;
    }

    /**
     * @param name the tool's name, which the model writes to call it: letters, digits and underscores
     * @param description what the tool does, shown to the model
     * @param arguments the record type of its arguments
     * @param function the function; what it returns is shown to the model ({@code toString()}, or JSON for
     *     records, lists and maps)
     * @param <A> the arguments record
     */
    @SuppressWarnings("unchecked")
    public static <A extends Record> Tool of(String name, String description, FieldType arguments,
            Function<A, ?> function) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || name.equals("finish")) {
            throw new IllegalArgumentException("a tool name is letters, digits and underscores, and not 'finish': "
                    + name);
        }
        if (Objects.requireNonNull(arguments, "arguments").kind() != FieldType.Kind.RECORD) {
            throw new IllegalArgumentException("the arguments of tool " + name + " must be a record type");
        }
        Objects.requireNonNull(function, "function");
        return new Tool(name, Objects.requireNonNull(description, "description"), arguments,
                args -> function.apply((A) args));
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public FieldType arguments() {
        return arguments;
    }

    /**
     * Calls the tool with the arguments the model wrote.
     *
     * @throws IllegalArgumentException if the arguments don't fit the record (the message says where)
     */
    Object call(Map<String, Object> modelArguments) {
        Object args = JsonValues.fromJson(JsonValues.toJson(modelArguments, FieldType.ANY), arguments);
        return function.apply(args);
    }

    /** How the tool is listed in ReAct's instructions, as DSPy lists it. */
    String describe() {
        StringBuilder argsRepr = new StringBuilder("{");
        boolean first = true;
        for (FieldType.Component component : arguments.components()) {
            argsRepr.append(first ? "" : ", ");
            first = false;
            com.fasterxml.jackson.databind.node.ObjectNode schema = JsonValues.schema(component.type());
            if (!component.description().isEmpty()) {
                schema.put("description", component.description());
            }
            argsRepr.append("'").append(component.name()).append("': ").append(JsonValues.pythonRepr(schema));
        }
        argsRepr.append('}');
        String desc = description.isEmpty() ? "." : ", whose description is <desc>" + description.replace("\n", "  ")
                + "</desc>.";
        return name + desc + " It takes arguments " + argsRepr + ".";
    }

    @Override
    public String toString() {
        return "Tool[" + name + "]";
    }
}
