package dev.signet.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.rules.TypeShape.Kind;
import dev.signet.rules.TypeShape.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schemas as DSPy 3.3.1 (pydantic 2.13.4) shows them; the expected texts are copied from its prompts. */
class SchemasTest {
    private static final TypeShape STRING = TypeShape.scalar(Kind.STRING);
    private static final TypeShape NUMBER = TypeShape.scalar(Kind.NUMBER);
    private static final TypeShape INTEGER = TypeShape.scalar(Kind.INTEGER);

    private static final TypeShape MONEY = TypeShape.recordOf("Money", List.of(
            new Property("amount", "", NUMBER),
            new Property("currency", "ISO 4217 code, e.g. EUR", STRING)));

    private static final TypeShape LINE_ITEM = TypeShape.recordOf("LineItem", List.of(
            new Property("description", "", STRING),
            new Property("quantity", "", INTEGER),
            new Property("unit_price", "", MONEY),
            new Property("tax_rate", "e.g. 0.19 for 19 %", TypeShape.of(Kind.OPTIONAL, NUMBER))));

    private static final TypeShape INVOICE = TypeShape.recordOf("Invoice", List.of(
            new Property("number", "the invoice number as printed", STRING),
            new Property("issued", "", TypeShape.scalar(Kind.DATE)),
            new Property("vendor", "", STRING),
            new Property("items", "", TypeShape.of(Kind.LIST, LINE_ITEM)),
            new Property("total", "amount due, tax included", MONEY),
            new Property("po_number", "purchase order, if printed", TypeShape.of(Kind.OPTIONAL, STRING))));

    @Test
    void aRecordNestsItsRecordsAsSortedDefinitionsWithTitlesAndDefaults() {
        assertThat(Schemas.json(INVOICE)).isEqualTo("{\"type\": \"object\", \"$defs\": {\"LineItem\": {\"type\": "
                + "\"object\", \"properties\": {\"description\": {\"type\": \"string\", \"title\": \"Description\"}, "
                + "\"quantity\": {\"type\": \"integer\", \"title\": \"Quantity\"}, \"tax_rate\": {\"anyOf\": "
                + "[{\"type\": \"number\"}, {\"type\": \"null\"}], \"default\": null, \"description\": \"e.g. 0.19 for "
                + "19 %\", \"title\": \"Tax Rate\"}, \"unit_price\": {\"$ref\": \"#/$defs/Money\"}}, \"required\": "
                + "[\"description\", \"quantity\", \"unit_price\"], \"title\": \"LineItem\"}, \"Money\": {\"type\": "
                + "\"object\", \"properties\": {\"amount\": {\"type\": \"number\", \"title\": \"Amount\"}, "
                + "\"currency\": {\"type\": \"string\", \"description\": \"ISO 4217 code, e.g. EUR\", \"title\": "
                + "\"Currency\"}}, \"required\": [\"amount\", \"currency\"], \"title\": \"Money\"}}, \"properties\": "
                + "{\"issued\": {\"type\": \"string\", \"format\": \"date\", \"title\": \"Issued\"}, \"items\": "
                + "{\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/LineItem\"}, \"title\": \"Items\"}, "
                + "\"number\": {\"type\": \"string\", \"description\": \"the invoice number as printed\", \"title\": "
                + "\"Number\"}, \"po_number\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}], "
                + "\"default\": null, \"description\": \"purchase order, if printed\", \"title\": \"Po Number\"}, "
                + "\"total\": {\"$ref\": \"#/$defs/Money\", \"description\": \"amount due, tax included\"}, \"vendor\": "
                + "{\"type\": \"string\", \"title\": \"Vendor\"}}, \"required\": [\"number\", \"issued\", \"vendor\", "
                + "\"items\", \"total\"], \"title\": \"Invoice\"}");
    }

    @Test
    void aListOfRecordsWithAnEnumAndNonAsciiText() {
        TypeShape ingredient = TypeShape.recordOf("Ingredient", List.of(
                new Property("item", "ingredient name, as written", STRING),
                new Property("quantity", "amount in `unit`", NUMBER),
                new Property("unit", "", TypeShape.enumOf("Unit", List.of("GRAM", "MILLILITER", "PIECE", "TEASPOON"))),
                new Property("note", "e.g. \u201cfinely chopped\u201d", TypeShape.of(Kind.OPTIONAL, STRING))));
        assertThat(Schemas.json(TypeShape.of(Kind.LIST, ingredient))).isEqualTo("{\"type\": \"array\", \"$defs\": "
                + "{\"Ingredient\": {\"type\": \"object\", \"properties\": {\"item\": {\"type\": \"string\", "
                + "\"description\": \"ingredient name, as written\", \"title\": \"Item\"}, \"note\": {\"anyOf\": "
                + "[{\"type\": \"string\"}, {\"type\": \"null\"}], \"default\": null, \"description\": \"e.g. "
                + "\u201cfinely chopped\u201d\", \"title\": \"Note\"}, \"quantity\": {\"type\": \"number\", "
                + "\"description\": \"amount in `unit`\", \"title\": \"Quantity\"}, \"unit\": {\"$ref\": "
                + "\"#/$defs/Unit\"}}, \"required\": [\"item\", \"quantity\", \"unit\"], \"title\": \"Ingredient\"}, "
                + "\"Unit\": {\"type\": \"string\", \"enum\": [\"GRAM\", \"MILLILITER\", \"PIECE\", \"TEASPOON\"], "
                + "\"title\": \"Unit\"}}, \"items\": {\"$ref\": \"#/$defs/Ingredient\"}}");
    }

    @Test
    void anOptionalRecordComponentHasNoTitle() {
        TypeShape lodging = TypeShape.recordOf("Lodging", List.of(new Property("hotel", "", STRING)));
        TypeShape stop = TypeShape.recordOf("Stop", List.of(new Property("lodging", "where to sleep, if already known",
                TypeShape.of(Kind.OPTIONAL, lodging))));
        assertThat(Schemas.json(stop)).isEqualTo("{\"type\": \"object\", \"$defs\": {\"Lodging\": {\"type\": "
                + "\"object\", \"properties\": {\"hotel\": {\"type\": \"string\", \"title\": \"Hotel\"}}, "
                + "\"required\": [\"hotel\"], \"title\": \"Lodging\"}}, \"properties\": {\"lodging\": {\"anyOf\": "
                + "[{\"$ref\": \"#/$defs/Lodging\"}, {\"type\": \"null\"}], \"default\": null, \"description\": "
                + "\"where to sleep, if already known\"}}, \"title\": \"Stop\"}");
    }

    @Test
    void containersAndOptionals() {
        assertThat(Schemas.json(TypeShape.of(Kind.SET, STRING)))
                .isEqualTo("{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"uniqueItems\": true}");
        assertThat(Schemas.json(TypeShape.of(Kind.MAP, NUMBER)))
                .isEqualTo("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"number\"}}");
        assertThat(Schemas.json(TypeShape.of(Kind.MAP, TypeShape.scalar(Kind.ANY))))
                .isEqualTo("{\"type\": \"object\", \"additionalProperties\": true}");
        assertThat(Schemas.json(TypeShape.of(Kind.OPTIONAL, INTEGER)))
                .isEqualTo("{\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"null\"}]}");
        assertThat(Schemas.json(TypeShape.scalar(Kind.DATE_TIME)))
                .isEqualTo("{\"type\": \"string\", \"format\": \"date-time\"}");
    }

    @Test
    void componentBoundsBecomeSchemaKeywords() {
        TypeShape bounded = TypeShape.recordOf("Bounded", List.of(
                new Property("count", "", INTEGER, List.of(new Constraint(Constraint.Kind.GE, "1"),
                        new Constraint(Constraint.Kind.LT, "0.5"))),
                new Property("tags", "", TypeShape.of(Kind.LIST, STRING),
                        List.of(new Constraint(Constraint.Kind.MAX_LENGTH, "3")))));
        assertThat(Schemas.json(bounded)).isEqualTo("{\"type\": \"object\", \"properties\": {\"count\": {\"type\": "
                + "\"integer\", \"exclusiveMaximum\": 0.5, \"minimum\": 1, \"title\": \"Count\"}, \"tags\": {\"type\": "
                + "\"array\", \"items\": {\"type\": \"string\"}, \"maxItems\": 3, \"title\": \"Tags\"}}, \"required\": "
                + "[\"count\", \"tags\"], \"title\": \"Bounded\"}");
    }

    @Test
    void pythonNames() {
        assertThat(TypeShape.of(Kind.OPTIONAL, TypeShape.of(Kind.MAP, TypeShape.of(Kind.SET, INTEGER))).pythonName())
                .isEqualTo("Union[dict[str, set[int]], NoneType]");
        assertThat(TypeShape.literalOf(List.of("approve", "it's", "say \"hi\"", "both ' \"")).pythonName())
                .isEqualTo("Literal['approve', \"it's\", 'say \"hi\"', 'both \\' \"']");
        assertThat(MONEY.pythonName()).isEqualTo("Money");
    }
}
