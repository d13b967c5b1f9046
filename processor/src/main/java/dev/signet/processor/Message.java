package dev.signet.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor reports, with a stable id. Each message says what is wrong and what to do
 * instead. Ids are never reused: a retired message keeps its number.
 */
enum Message {
    INTERNAL_ERROR("SIGNET-000", "Signet's annotation processor failed on %s. This is a bug in Signet; please "
            + "report it with this stack trace:%n%s"),
    NOT_AN_INTERFACE("SIGNET-001", "@Signature goes on an interface, but %s is %s. Declare it as an interface "
            + "with one abstract method."),
    NO_ABSTRACT_METHOD("SIGNET-002", "@Signature interface %s has no abstract method. Declare one method: its "
            + "parameters are the input fields, its return type the output."),
    SEVERAL_ABSTRACT_METHODS("SIGNET-003", "@Signature interface %s has %d abstract methods (%s), but a "
            + "signature has exactly one. Make the others default methods, or declare them in separate signatures."),
    GENERIC_METHOD("SIGNET-004", "Signature method %s declares type parameters, but field types must be "
            + "concrete. Remove the type parameters and use concrete types."),
    UNSUPPORTED_TYPE("SIGNET-005", "%s has the type %s, which a signature field cannot have. Use String, int, "
            + "long, double, boolean (or their boxes), BigDecimal, LocalDate, LocalDateTime, Instant, an enum, a "
            + "record of these, or a List, Set, Map<String, ...> or Optional of one (for an array, a List); an input "
            + "may also be a dev.signet.core.Image or FileInput; to declare several outputs, return a record."),
    DUPLICATE_FIELD("SIGNET-006", "The field name `%s` is used twice in %s. Give every input and output field "
            + "its own name; @InputField(name = ...) and @OutputField(name = ...) rename a field in the prompt."),
    RESERVED_FIELD_NAME("SIGNET-007", "The field name `%s` is reserved: it marks the end of a reply in the chat "
            + "format. Rename the element, or give the field another name with @%s(name = ...)."),
    INVALID_FIELD_NAME("SIGNET-008", "The field name '%s' is not valid. Use letters, digits and underscores, not "
            + "starting with a digit."),
    EMPTY_OUTPUT_RECORD("SIGNET-009", "The output record %s has no components, so the signature would have no "
            + "output. Add a component for each output field."),
    NO_INPUT("SIGNET-010", "Signature method %s has no parameters, but a signature needs at least one input "
            + "field. Add a parameter for each input."),
    VOID_METHOD("SIGNET-011", "Signature method %s returns void. Declare the output as the return type (a record "
            + "for several outputs)."),
    GENERIC_INTERFACE("SIGNET-012", "@Signature interface %s declares type parameters, but a signature's field "
            + "types must be concrete. Remove them, or extend the generic interface with a concrete one and "
            + "annotate that."),
    NOT_ACCESSIBLE("SIGNET-013", "%s is %s, so the generated predictor %s cannot use it. Make it public or "
            + "package-private, and declare it at the top level or nested in a class or interface."),
    EMPTY_ENUM("SIGNET-014", "The enum %s has no constants, so the model could produce no value. Add constants."),
    GENERIC_OUTPUT_RECORD("SIGNET-015", "The output record %s is generic, but output field types must be "
            + "concrete. Declare a record without type parameters."),
    NAME_CLASH("SIGNET-016", "The member %s of %s clashes with the method %s that Signet generates on %s. Rename it."),
    RECURSIVE_RECORD("SIGNET-017", "The record %s contains itself at `%s`, so its JSON would never end. Break the "
            + "cycle, for example with an id that refers to the other value."),
    MAP_KEY("SIGNET-018", "The map at `%s` has keys of type %s, but JSON object keys are strings. Use "
            + "Map<String, ...>."),
    TYPE_ARGUMENT("SIGNET-019", "The type at `%s` is %s, which does not say what it holds. Give a concrete type "
            + "argument, such as List<String>."),
    NESTED_OPTIONAL("SIGNET-020", "The type at `%s` is an Optional inside an Optional, List, Set or Map. Use "
            + "Optional only for a whole field or record component, and an empty collection for none."),
    TOOL_ARGS_NOT_A_RECORD("SIGNET-021", "@ToolArgs goes on a record, but %s is %s. Declare the tool's arguments as a "
            + "record."),
    ONE_OF_NOT_STRING("SIGNET-022", "@%s(oneOf = ...) restricts a String field to fixed values, but `%s` is not a "
            + "String or Optional<String>. Declare it String, or use an enum for a fixed set of constants."),
    ONE_OF_VALUES("SIGNET-023", "@%s(oneOf = ...) on `%s` lists %s: the values must be distinct and not empty."),
    PIPE_UNION_NOT_OPTIONAL("SIGNET-024", "@%s(pipeUnion = true) is for an Optional field (its DSPy twin written "
            + "T | None), but `%s` is not Optional. Remove it, or declare the field Optional<...>."),
    IMAGE_OUTPUT("SIGNET-025", "The output field `%s` is an Image or FileInput, but those are what a prompt shows "
            + "the model, never what it answers. Make it an input field; for a description, answer a String."),
    IMAGE_NESTED("SIGNET-026", "The field `%s` holds an Image or FileInput inside a List, Set, Map or record, but "
            + "those are sent as parts of the message only as fields of their own. Declare one input field per "
            + "image or file.");

    private final String id;
    private final String template;

    Message(String id, String template) {
        this.id = id;
        this.template = template;
    }

    String id() {
        return id;
    }

    /** @return {@code [SIGNET-nnn] } followed by the formatted text */
    String format(Object... args) {
        return "[" + id + "] " + String.format(Locale.ROOT, template, args);
    }
}
