package dev.signet.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.FieldType.Component;
import dev.signet.core.FieldType;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Message;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendering suite: signatures of every type family, with and without demos, rendered and compared with
 * messages written by hand from docs/chat-format.md (DSPy's ChatAdapter format).
 */
@SuppressWarnings("unchecked")
class ChatAdapterRenderingSuiteTest {
    enum Tone { FORMAL, CASUAL }

    record Owner(String name, Optional<String> email) {}

    static final FieldType OWNER = FieldType.recordOf(Owner.class,
            List.of(new Component("name", "full name", FieldType.STRING),
                    new Component("email", "", FieldType.optionalOf(FieldType.STRING))),
            v -> new Owner((String) v.get(0), (Optional<String>) v.get(1)),
            o -> Arrays.<Object>asList(o.name(), o.email()));

    private static final String STRUCTURE =
            "All interactions will be structured in the following way, with the appropriate values filled in.";
    private static final String OBJECTIVE = "In adhering to this structure, your objective is: ";

    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("1 one string in, one out",
                        SignatureDescription.builder("S1").instructions("Echo the text.")
                                .input("text", "", FieldType.STRING).output("echo", "", FieldType.STRING).build(),
                        List.of(), values("text", "hello"),
                        List.of(lines("Your input fields are:", "1. `text` (str):", "Your output fields are:",
                                        "1. `echo` (str):", STRUCTURE, "", "[[ ## text ## ]]", "{text}", "",
                                        "[[ ## echo ## ]]", "{echo}", "", "[[ ## completed ## ]]", OBJECTIVE,
                                        "        Echo the text."),
                                lines("[[ ## text ## ]]", "hello", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## echo ## ]]`, and then ending with the marker for "
                                                + "`[[ ## completed ## ]]`."))),
                Arguments.of("2 str and int in, bool out, descriptions",
                        SignatureDescription.builder("S2").instructions("Decide.")
                                .input("claim", "a statement", FieldType.STRING)
                                .input("evidence_count", "", FieldType.INT)
                                .output("supported", "whether the claim holds", FieldType.BOOLEAN).build(),
                        List.of(), values("claim", "Water boils at 100 °C.", "evidence_count", 3),
                        List.of(lines("Your input fields are:", "1. `claim` (str): a statement",
                                        "2. `evidence_count` (int):", "Your output fields are:",
                                        "1. `supported` (bool): whether the claim holds", STRUCTURE, "",
                                        "[[ ## claim ## ]]", "{claim}", "", "[[ ## evidence_count ## ]]",
                                        "{evidence_count}", "", "[[ ## supported ## ]]",
                                        "{supported}        # note: the value you produce must be True or False", "",
                                        "[[ ## completed ## ]]", OBJECTIVE, "        Decide."),
                                lines("[[ ## claim ## ]]", "Water boils at 100 °C.", "", "[[ ## evidence_count ## ]]",
                                        "3", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## supported ## ]]` (must be formatted as a valid Python bool), "
                                                + "and then ending with the marker for `[[ ## completed ## ]]`."))),
                Arguments.of("3 enum and float out, multi-line instructions",
                        SignatureDescription.builder("S3").instructions("Classify the tone.\nBe strict.")
                                .input("email", "", FieldType.STRING)
                                .output("tone", "", FieldType.enumOf(Tone.class, Tone.values()))
                                .output("confidence", "", FieldType.DOUBLE).build(),
                        List.of(), values("email", "Dear Sir,"),
                        List.of(lines("Your input fields are:", "1. `email` (str):", "Your output fields are:",
                                        "1. `tone` (Tone): ", "2. `confidence` (float):", STRUCTURE, "",
                                        "[[ ## email ## ]]", "{email}", "", "[[ ## tone ## ]]",
                                        "{tone}        # note: the value you produce must be one of: FORMAL; CASUAL", "",
                                        "[[ ## confidence ## ]]",
                                        "{confidence}        # note: the value you produce must be a single float value",
                                        "", "[[ ## completed ## ]]", OBJECTIVE, "        Classify the tone.",
                                        "        Be strict."),
                                lines("[[ ## email ## ]]", "Dear Sir,", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## tone ## ]]` (must be formatted as a valid Python Tone), then "
                                                + "`[[ ## confidence ## ]]` (must be formatted as a valid Python float), "
                                                + "and then ending with the marker for `[[ ## completed ## ]]`."))),
                Arguments.of("4 list in, dict out",
                        SignatureDescription.builder("S4").instructions("Count the words.")
                                .input("words", "", FieldType.listOf(FieldType.STRING))
                                .output("counts", "", FieldType.mapOf(FieldType.INT)).build(),
                        List.of(), values("words", List.of("a", "b", "a")),
                        List.of(lines("Your input fields are:", "1. `words` (list[str]):", "Your output fields are:",
                                        "1. `counts` (dict[str, int]):", STRUCTURE, "", "[[ ## words ## ]]", "{words}", "",
                                        "[[ ## counts ## ]]",
                                        "{counts}        # note: the value you produce must adhere to the JSON schema: "
                                                + "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}",
                                        "", "[[ ## completed ## ]]", OBJECTIVE, "        Count the words."),
                                lines("[[ ## words ## ]]", "[\"a\", \"b\", \"a\"]", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## counts ## ]]` (must be formatted as a valid Python dict[str, int]), "
                                                + "and then ending with the marker for `[[ ## completed ## ]]`."))),
                Arguments.of("5 optional out",
                        SignatureDescription.builder("S5").instructions("Find the email address, if any.")
                                .input("text", "", FieldType.STRING)
                                .output("email", "", FieldType.optionalOf(FieldType.STRING)).build(),
                        List.of(), values("text", "call me"),
                        List.of(lines("Your input fields are:", "1. `text` (str):", "Your output fields are:",
                                        "1. `email` (Union[str, NoneType]):", STRUCTURE, "", "[[ ## text ## ]]", "{text}",
                                        "", "[[ ## email ## ]]",
                                        "{email}        # note: the value you produce must adhere to the JSON schema: "
                                                + "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}]}",
                                        "", "[[ ## completed ## ]]", OBJECTIVE, "        Find the email address, if any."),
                                lines("[[ ## text ## ]]", "call me", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## email ## ]]` (must be formatted as a valid Python "
                                                + "Union[str, NoneType]), and then ending with the marker for "
                                                + "`[[ ## completed ## ]]`."))),
                Arguments.of("6 date in, decimal out",
                        SignatureDescription.builder("S6").instructions("Quote a price.")
                                .input("day", "", FieldType.DATE)
                                .output("price", "in euros", FieldType.DECIMAL).build(),
                        List.of(), values("day", LocalDate.of(2026, 11, 25)),
                        List.of(lines("Your input fields are:", "1. `day` (date):", "Your output fields are:",
                                        "1. `price` (float): in euros", STRUCTURE, "", "[[ ## day ## ]]", "{day}", "",
                                        "[[ ## price ## ]]",
                                        "{price}        # note: the value you produce must be a single float value", "",
                                        "[[ ## completed ## ]]", OBJECTIVE, "        Quote a price."),
                                lines("[[ ## day ## ]]", "2026-11-25", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## price ## ]]` (must be formatted as a valid Python float), "
                                                + "and then ending with the marker for `[[ ## completed ## ]]`."))),
                Arguments.of("7 record out",
                        SignatureDescription.builder("S7").instructions("Extract the owner.")
                                .input("text", "", FieldType.STRING)
                                .output("owner", "", OWNER).build(),
                        List.of(), values("text", "Al owns it."),
                        List.of(lines("Your input fields are:", "1. `text` (str):", "Your output fields are:",
                                        "1. `owner` (Owner):", STRUCTURE, "", "[[ ## text ## ]]", "{text}", "",
                                        "[[ ## owner ## ]]",
                                        "{owner}        # note: the value you produce must adhere to the JSON schema: "
                                                + "{\"type\": \"object\", \"properties\": {\"email\": {\"anyOf\": "
                                                + "[{\"type\": \"string\"}, {\"type\": \"null\"}], \"default\": null, "
                                                + "\"title\": \"Email\"}, \"name\": {\"type\": \"string\", "
                                                + "\"description\": \"full name\", \"title\": \"Name\"}}, \"required\": "
                                                + "[\"name\"], \"title\": \"Owner\"}",
                                        "", "[[ ## completed ## ]]", OBJECTIVE, "        Extract the owner."),
                                lines("[[ ## text ## ]]", "Al owns it.", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## owner ## ]]` (must be formatted as a valid Python Owner), "
                                                + "and then ending with the marker for `[[ ## completed ## ]]`."))),
                Arguments.of("8 record in, set out",
                        SignatureDescription.builder("S8").instructions("Tag the owner.")
                                .input("owner", "", OWNER)
                                .output("tags", "", FieldType.setOf(FieldType.STRING)).build(),
                        List.of(), values("owner", new Owner("Zoë", Optional.empty())),
                        List.of(lines("Your input fields are:", "1. `owner` (Owner):", "Your output fields are:",
                                        "1. `tags` (set[str]):", STRUCTURE, "", "[[ ## owner ## ]]", "{owner}", "",
                                        "[[ ## tags ## ]]",
                                        "{tags}        # note: the value you produce must adhere to the JSON schema: "
                                                + "{\"type\": \"array\", \"items\": {\"type\": \"string\"}, "
                                                + "\"uniqueItems\": true}",
                                        "", "[[ ## completed ## ]]", OBJECTIVE, "        Tag the owner."),
                                lines("[[ ## owner ## ]]", "{\"name\": \"Zoë\", \"email\": null}", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## tags ## ]]` (must be formatted as a valid Python set[str]), "
                                                + "and then ending with the marker for `[[ ## completed ## ]]`."))),
                Arguments.of("9 one complete demo",
                        SignatureDescription.builder("S9").instructions("Add.")
                                .input("a", "", FieldType.INT).input("b", "", FieldType.INT)
                                .output("sum", "", FieldType.INT).build(),
                        List.of(values("a", 1, "b", 2, "sum", 3)), values("a", 20, "b", 22),
                        List.of(lines("Your input fields are:", "1. `a` (int): ", "2. `b` (int):",
                                        "Your output fields are:", "1. `sum` (int):", STRUCTURE, "", "[[ ## a ## ]]",
                                        "{a}", "", "[[ ## b ## ]]", "{b}", "", "[[ ## sum ## ]]",
                                        "{sum}        # note: the value you produce must be a single int value", "",
                                        "[[ ## completed ## ]]", OBJECTIVE, "        Add."),
                                lines("[[ ## a ## ]]", "1", "", "[[ ## b ## ]]", "2"),
                                lines("[[ ## sum ## ]]", "3", "", "[[ ## completed ## ]]", ""),
                                lines("[[ ## a ## ]]", "20", "", "[[ ## b ## ]]", "22", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## sum ## ]]` (must be formatted as a valid Python int), "
                                                + "and then ending with the marker for `[[ ## completed ## ]]`."))),
                Arguments.of("10 an incomplete demo before a complete one",
                        SignatureDescription.builder("S10").instructions("Answer.")
                                .input("question", "", FieldType.STRING).input("context", "", FieldType.STRING)
                                .output("answer", "", FieldType.STRING).build(),
                        List.of(values("question", "Q1", "context", "C1", "answer", "A1"),
                                values("question", "Q2", "answer", "A2")),
                        values("question", "Q3", "context", "C3"),
                        List.of(lines("Your input fields are:", "1. `question` (str): ", "2. `context` (str):",
                                        "Your output fields are:", "1. `answer` (str):", STRUCTURE, "",
                                        "[[ ## question ## ]]", "{question}", "", "[[ ## context ## ]]", "{context}", "",
                                        "[[ ## answer ## ]]", "{answer}", "", "[[ ## completed ## ]]", OBJECTIVE,
                                        "        Answer."),
                                // the demo lacks `context`: its user turn leaves the input out (DSPy's rule)
                                lines("This is an example of the task, though some input or output fields are not "
                                                + "supplied.", "", "[[ ## question ## ]]", "Q2"),
                                lines("[[ ## answer ## ]]", "A2", "", "[[ ## completed ## ]]", ""),
                                lines("[[ ## question ## ]]", "Q1", "", "[[ ## context ## ]]", "C1"),
                                lines("[[ ## answer ## ]]", "A1", "", "[[ ## completed ## ]]", ""),
                                lines("[[ ## question ## ]]", "Q3", "", "[[ ## context ## ]]", "C3", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## answer ## ]]`, and then ending with the marker for "
                                                + "`[[ ## completed ## ]]`."))),
                Arguments.of("11 decimal and optional inputs, present and absent",
                        SignatureDescription.builder("S11").instructions("Check the refund.")
                                .input("amount", "", FieldType.DECIMAL)
                                .input("reason", "", FieldType.optionalOf(FieldType.STRING))
                                .input("ticket", "", FieldType.optionalOf(FieldType.INT))
                                .output("approved", "", FieldType.BOOLEAN).build(),
                        List.of(), values("amount", new BigDecimal("19.90"), "reason", Optional.of("broken"),
                                "ticket", Optional.empty()),
                        List.of(lines("Your input fields are:", "1. `amount` (float): ",
                                        "2. `reason` (Union[str, NoneType]): ", "3. `ticket` (Union[int, NoneType]):",
                                        "Your output fields are:", "1. `approved` (bool):", STRUCTURE, "",
                                        "[[ ## amount ## ]]", "{amount}", "", "[[ ## reason ## ]]", "{reason}", "",
                                        "[[ ## ticket ## ]]", "{ticket}", "", "[[ ## approved ## ]]",
                                        "{approved}        # note: the value you produce must be True or False", "",
                                        "[[ ## completed ## ]]", OBJECTIVE, "        Check the refund."),
                                lines("[[ ## amount ## ]]", "19.90", "", "[[ ## reason ## ]]", "broken", "",
                                        "[[ ## ticket ## ]]", "None", "",
                                        "Respond with the corresponding output fields, starting with the field "
                                                + "`[[ ## approved ## ]]` (must be formatted as a valid Python bool), "
                                                + "and then ending with the marker for `[[ ## completed ## ]]`."))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTheFormatSpecifies(String name, SignatureDescription signature, List<Map<String, Object>> demos,
            Map<String, Object> inputs, List<String> expected) {
        List<Message> messages = new ChatAdapter().format(signature, new PromptState(signature.instructions(), demos), inputs);

        assertThat(messages).extracting(Message::content).containsExactlyElementsOf(expected);
    }
}
