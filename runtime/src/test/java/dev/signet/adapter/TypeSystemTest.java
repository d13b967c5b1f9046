package dev.signet.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapter.OutputParseException;
import dev.signet.core.FieldType.Component;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Json;
import dev.signet.internal.PythonValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every type family: rendering, parsing, JSON Schema, and the slips models make. */
@SuppressWarnings("unchecked")
class TypeSystemTest {
    enum Priority { LOW, HIGH }

    record Owner(String name, Optional<String> email) {}

    record Item(String title, Priority priority, List<Owner> owners) {}

    record Plan(Item main, Map<String, Double> weights, Set<String> labels, Optional<LocalDate> due) {}

    static final FieldType OWNER = FieldType.recordOf(Owner.class,
            List.of(new Component("name", "full name", FieldType.STRING),
                    new Component("email", "", FieldType.optionalOf(FieldType.STRING))),
            v -> new Owner((String) v.get(0), (Optional<String>) v.get(1)),
            o -> Arrays.<Object>asList(o.name(), o.email()));
    static final FieldType ITEM = FieldType.recordOf(Item.class,
            List.of(new Component("title", "", FieldType.STRING),
                    new Component("priority", "", FieldType.enumOf(Priority.class, Priority.values())),
                    new Component("owners", "", FieldType.listOf(OWNER))),
            v -> new Item((String) v.get(0), (Priority) v.get(1), (List<Owner>) v.get(2)),
            i -> Arrays.<Object>asList(i.title(), i.priority(), i.owners()));
    static final FieldType PLAN = FieldType.recordOf(Plan.class,
            List.of(new Component("main", "", ITEM),
                    new Component("weights", "", FieldType.mapOf(FieldType.DOUBLE)),
                    new Component("labels", "", FieldType.setOf(FieldType.STRING)),
                    new Component("due", "", FieldType.optionalOf(FieldType.DATE))),
            v -> new Plan((Item) v.get(0), (Map<String, Double>) v.get(1), (Set<String>) v.get(2),
                    (Optional<LocalDate>) v.get(3)),
            p -> Arrays.<Object>asList(p.main(), p.weights(), p.labels(), p.due()));

    private final ChatAdapter adapter = new ChatAdapter();

    private static SignatureDescription outputs(FieldType type) {
        return SignatureDescription.builder("T").input("q", "", FieldType.STRING).output("out", "", type).build();
    }

    private Object parseOut(FieldType type, String value) {
        return adapter.parse(outputs(type), "[[ ## out ## ]]\n" + value + "\n\n[[ ## completed ## ]]")
                .get("out");
    }

    @Test
    void pythonNamesForEveryFamily() {
        assertThat(FieldType.DECIMAL.pythonName()).isEqualTo("float");
        assertThat(FieldType.DATE.pythonName()).isEqualTo("date");
        assertThat(FieldType.INSTANT.pythonName()).isEqualTo("datetime");
        assertThat(FieldType.setOf(FieldType.INT).pythonName()).as("DSPy prints a set as set[T]").isEqualTo("set[int]");
        assertThat(FieldType.mapOf(FieldType.DOUBLE).pythonName()).isEqualTo("dict[str, float]");
        assertThat(FieldType.optionalOf(FieldType.STRING).pythonName()).isEqualTo("Union[str, NoneType]");
        assertThat(PLAN.pythonName()).isEqualTo("Plan");
    }

    @Test
    void nestedRecordsRenderAsJsonDumpsAndParseBack() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("speed", 0.5);
        weights.put("cost", 1.0E7);
        Plan plan = new Plan(new Item("Ship \"v2\"\n", Priority.HIGH,
                List.of(new Owner("Zoë", Optional.empty()), new Owner("Al", Optional.of("al@example.com")))),
                weights, new LinkedHashSet<>(List.of("q3", "infra")), Optional.of(LocalDate.of(2026, 3, 1)));

        String text = PythonValues.format(plan, PLAN);

        assertThat(text).isEqualTo("{\"main\": {\"title\": \"Ship \\\"v2\\\"\\n\", \"priority\": \"HIGH\", "
                + "\"owners\": [{\"name\": \"Zoë\", \"email\": null}, {\"name\": \"Al\", \"email\": \"al@example.com\"}]}, "
                + "\"weights\": {\"speed\": 0.5, \"cost\": 10000000.0}, \"labels\": [\"q3\", \"infra\"], "
                + "\"due\": \"2026-03-01\"}");
        assertThat(parseOut(PLAN, text)).isEqualTo(plan);
    }

    @Test
    void scalarsOfEveryFamilyRoundTrip() {
        assertThat(parseOut(FieldType.DECIMAL, PythonValues.format(new BigDecimal("1234.50"), FieldType.DECIMAL)))
                .isEqualTo(new BigDecimal("1234.50"));
        LocalDateTime meeting = LocalDateTime.of(2026, 1, 31, 10, 15);
        assertThat(PythonValues.format(meeting, FieldType.DATE_TIME)).isEqualTo("2026-01-31T10:15:00");
        assertThat(parseOut(FieldType.DATE_TIME, "2026-01-31T10:15:00")).isEqualTo(meeting);
        assertThat(parseOut(FieldType.DATE_TIME, "2026-01-31 10:15:00")).isEqualTo(meeting);
        assertThat(parseOut(FieldType.INSTANT, "2026-01-31T10:15:00Z"))
                .isEqualTo(Instant.parse("2026-01-31T10:15:00Z"));
        assertThat(parseOut(FieldType.INSTANT, "2026-01-31T11:15:00+01:00"))
                .isEqualTo(Instant.parse("2026-01-31T10:15:00Z"));
        assertThat(parseOut(FieldType.DATE, "2026-02-28")).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(parseOut(FieldType.setOf(FieldType.INT), "[3, 1, 3]")).isEqualTo(Set.of(3, 1));
        assertThat(parseOut(FieldType.mapOf(FieldType.INT), "{\"a\": 1, \"b\": 2}")).isEqualTo(Map.of("a", 1, "b", 2));
    }

    @Test
    void optionalOutputsMayBeLeftEmptyOrOut() {
        FieldType optionalInt = FieldType.optionalOf(FieldType.INT);
        assertThat(parseOut(optionalInt, "None")).isEqualTo(Optional.empty());
        assertThat(parseOut(optionalInt, "")).isEqualTo(Optional.empty());
        assertThat(parseOut(optionalInt, "7")).isEqualTo(Optional.of(7));
        Outputs leftOut = adapter.parse(outputs(optionalInt), "[[ ## completed ## ]]");
        assertThat(((Optional<Integer>) leftOut.get("out"))).isEmpty();
        assertThat(PythonValues.format(Optional.empty(), optionalInt)).isEqualTo("None");
    }

    @Test
    void anEmptyStrIsTheEmptyStringAndAnyOtherEmptyOutputAnErrorNeverANull() {
        assertThat(parseOut(FieldType.STRING, "   ")).isEqualTo(""); // DSPy's parse-str: "" stays ""
        assertThatThrownBy(() -> parseOut(FieldType.INT, "   "))
                .isInstanceOf(OutputParseException.class)
                .hasMessage("Output field `out` of T is empty; expected int (declare it Optional if the model may "
                        + "leave it empty)");
    }

    @Test
    void aMismatchDeepInsideNamesItsPath() {
        String reply = "{\"main\": {\"title\": \"t\", \"priority\": \"HIGH\", \"owners\": [{\"name\": \"a\"}, "
                + "{\"name\": 42}]}, \"weights\": {}, \"labels\": []}";

        assertThatThrownBy(() -> parseOut(PLAN, reply))
                .isInstanceOf(OutputParseException.class)
                .hasMessage("Output field `out` of T could not be parsed: at `out.main.owners[1].name`: "
                        + "expected str, got 42");
        assertThatThrownBy(() -> parseOut(PLAN, "{\"main\": null, \"weights\": {}, \"labels\": []}"))
                .hasMessageContaining("at `out.main`: expected Item, got null");
        assertThatThrownBy(() -> parseOut(PLAN, "{\"weights\": {}, \"labels\": []}"))
                .hasMessageContaining("at `out.main`: expected Item, got nothing");
    }

    @Test
    void jsonSchemasPutTypeFirstAndSortTheRest() {
        // pydantic's schema of the DSPy twin: properties sorted and titled, an Optional component defaulting to null
        assertThat(OWNER.jsonSchema()).isEqualTo("{\"type\": \"object\", \"properties\": {\"email\": {\"anyOf\": "
                + "[{\"type\": \"string\"}, {\"type\": \"null\"}], \"default\": null, \"title\": \"Email\"}, \"name\": "
                + "{\"type\": \"string\", \"description\": \"full name\", \"title\": \"Name\"}}, \"required\": [\"name\"], "
                + "\"title\": \"Owner\"}");
        assertThat(FieldType.mapOf(FieldType.setOf(FieldType.DATE)).jsonSchema())
                .isEqualTo("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"array\", \"items\": "
                        + "{\"type\": \"string\", \"format\": \"date\"}, \"uniqueItems\": true}}");
        assertThat(PythonValues.typeNote(FieldType.enumOf(Priority.class, Priority.values())))
                .isEqualTo("# note: the value you produce must be one of: LOW; HIGH");
        assertThat(PythonValues.typeNote(FieldType.DECIMAL))
                .isEqualTo("# note: the value you produce must be a single float value");
    }

    @Test
    void jsonInACodeFenceWithTrailingCommasAndPythonLiterals() {
        FieldType flags = FieldType.mapOf(FieldType.BOOLEAN);
        assertThat(parseOut(flags, "```json\n{\"a\": True, \"b\": False,}\n```")).isEqualTo(Map.of("a", true, "b", false));
        assertThat(parseOut(FieldType.listOf(FieldType.STRING), "['x', 'True', \"None\",]"))
                .isEqualTo(List.of("x", "True", "None"));
        assertThat(parseOut(FieldType.optionalOf(OWNER), "{'name': 'Al', 'email': None}"))
                .isEqualTo(Optional.of(new Owner("Al", Optional.empty())));
    }

    @Test
    void numbersWithThousandsSeparatorsOrQuotes() {
        assertThat(parseOut(FieldType.INT, "1,234")).isEqualTo(1234);
        assertThat(parseOut(FieldType.LONG, "\"9,000,000,000\"")).isEqualTo(9_000_000_000L);
        assertThat(parseOut(FieldType.DOUBLE, "1,234.5")).isEqualTo(1234.5);
        assertThat(parseOut(FieldType.DECIMAL, "`12_000.25`")).isEqualTo(new BigDecimal("12000.25"));
        assertThat(parseOut(FieldType.INT, "42.0")).isEqualTo(42);
        assertThatThrownBy(() -> parseOut(FieldType.INT, "1,23")).isInstanceOf(OutputParseException.class);
        assertThatThrownBy(() -> parseOut(FieldType.INT, "42.5")).isInstanceOf(OutputParseException.class);
    }

    @Test
    void booleansInAnyCaseAndEnumsQuotedInAnotherCaseOrQualified() {
        assertThat(parseOut(FieldType.BOOLEAN, "true")).isEqualTo(true);
        assertThat(parseOut(FieldType.BOOLEAN, "'FALSE'")).isEqualTo(false);
        FieldType priority = FieldType.enumOf(Priority.class, Priority.values());
        assertThat(parseOut(priority, "\"high\"")).isEqualTo(Priority.HIGH);
        assertThat(parseOut(priority, "Priority.LOW")).isEqualTo(Priority.LOW);
        assertThat(parseOut(FieldType.listOf(priority), "[\"low\", \"HIGH\"]"))
                .isEqualTo(List.of(Priority.LOW, Priority.HIGH));
    }

    @Test
    void theJsonAdapterParsesNestedRecordsAndEmptyOptionals() {
        SignatureDescription sig = SignatureDescription.builder("Plans")
                .input("q", "", FieldType.STRING)
                .output("plan", "the plan", PLAN)
                .output("note", "", FieldType.optionalOf(FieldType.STRING))
                .build();
        JsonAdapter json = new JsonAdapter();

        Outputs outputs = json.parse(sig, "{\"plan\": {\"main\": {\"title\": \"t\", \"priority\": \"LOW\", "
                + "\"owners\": []}, \"weights\": {\"a\": 1}, \"labels\": [\"x\"], \"due\": null}, \"note\": null}");

        assertThat(((Plan) outputs.get("plan"))).isEqualTo(new Plan(new Item("t", Priority.LOW, List.of()),
                Map.of("a", 1.0), Set.of("x"), Optional.empty()));
        assertThat(((Optional<String>) outputs.get("note"))).isEmpty();
        var format = json.responseFormat(sig);
        assertThat(format.strict()).as("a map with free keys can't be strict").isFalse();
        assertThat(Json.dumps(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(format.schema())))
                .contains("\"owners\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": "
                        + "{\"name\": {\"type\": \"string\", \"description\": \"full name\"}, \"email\": {\"anyOf\": "
                        + "[{\"type\": \"string\"}, {\"type\": \"null\"}]}}, \"required\": [\"name\", \"email\"], "
                        + "\"additionalProperties\": false}}");
        assertThat(json.responseFormat(outputs(FieldType.setOf(OWNER))).strict()).isTrue();
    }

    @Test
    void jsonStringsAreEscapedAsPythonDoes() {
        assertThat(PythonValues.format(List.of("tab\there", "bell\u0007", "back\\slash", "日本"),
                FieldType.listOf(FieldType.STRING)))
                .isEqualTo("[\"tab\\there\", \"bell\\u0007\", \"back\\\\slash\", \"日本\"]");
        assertThat(PythonValues.format(List.of("\u001f"), FieldType.listOf(FieldType.STRING)))
                .isEqualTo("[\"\\u001f\"]");
    }
}
