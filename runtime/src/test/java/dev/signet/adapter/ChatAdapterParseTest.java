package dev.signet.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapter.OutputParseException;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatAdapterParseTest {
    private final ChatAdapter adapter = new ChatAdapter();

    enum Feeling { JOY, SADNESS }

    private static final SignatureDescription EVERY_TYPE = SignatureDescription.builder("EveryType")
            .input("text", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .output("count", "", FieldType.INT)
            .output("big", "", FieldType.LONG)
            .output("score", "", FieldType.DOUBLE)
            .output("flag", "", FieldType.BOOLEAN)
            .output("feeling", "", FieldType.enumOf(Feeling.class, Feeling.values()))
            .output("tags", "", FieldType.listOf(FieldType.STRING))
            .build();

    @Test
    void parsesEveryTypeAndDropsTextBeforeTheFirstHeader() {
        Outputs outputs = adapter.parse(EVERY_TYPE, String.join("\n",
                "Sure! Here you go:",
                "[[ ## answer ## ]]",
                "Line one",
                "line two",
                "",
                "[[ ## count ## ]]",
                " 42 ",
                "[[ ## big ## ]]",
                "12345678901",
                "[[ ## score ## ]] 0.75",
                "[[ ## flag ## ]]",
                "True",
                "[[ ## feeling ## ]]",
                "sadness",
                "[[ ## tags ## ]]",
                "[\"a\", \"b c\"]",
                "",
                "[[ ## completed ## ]]"));

        assertThat(outputs.asMap()).containsExactly(
                org.assertj.core.api.Assertions.entry("answer", "Line one\nline two"),
                org.assertj.core.api.Assertions.entry("count", 42),
                org.assertj.core.api.Assertions.entry("big", 12345678901L),
                org.assertj.core.api.Assertions.entry("score", 0.75),
                org.assertj.core.api.Assertions.entry("flag", true),
                org.assertj.core.api.Assertions.entry("feeling", Feeling.SADNESS),
                org.assertj.core.api.Assertions.entry("tags", List.of("a", "b c")));
    }

    @Test
    void theFirstSectionForAFieldWinsAndUnknownSectionsAreIgnored() {
        SignatureDescription sig = SignatureDescription.builder("S")
                .input("q", "", FieldType.STRING)
                .output("answer", "", FieldType.STRING)
                .build();

        Outputs outputs = adapter.parse(sig,
                "[[ ## reasoning ## ]]\nthinking\n[[ ## answer ## ]]\nfirst\n[[ ## answer ## ]]\nsecond");

        assertThat(((String) outputs.get("answer"))).isEqualTo("first");
    }

    @Test
    void aMissingFieldIsATypedErrorHoldingTheCompletion() {
        String reply = "[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]";

        assertThatThrownBy(() -> adapter.parse(EVERY_TYPE, reply))
                .isInstanceOfSatisfying(OutputParseException.class, e -> {
                    assertThat(e.completion()).isEqualTo(reply);
                    assertThat(e.field()).contains("count");
                    assertThat(e.getMessage()).startsWith("The reply for EveryType has no `[[ ## count ## ]]`, "
                            + "`[[ ## big ## ]]`");
                });
    }

    @Test
    void aMalformedValueNamesTheFieldTheTypeAndWhatCame() {
        SignatureDescription sig = SignatureDescription.builder("Count")
                .input("q", "", FieldType.STRING)
                .output("count", "", FieldType.INT)
                .build();

        assertThatThrownBy(() -> adapter.parse(sig, "[[ ## count ## ]]\nabout seven"))
                .isInstanceOf(OutputParseException.class)
                .hasMessage("Output field `count` of Count could not be parsed: expected an int (int), "
                        + "got 'about seven'");
    }

    @Test
    void enumValuesOutsideTheConstantsAreRejected() {
        SignatureDescription sig = SignatureDescription.builder("E")
                .input("q", "", FieldType.STRING)
                .output("feeling", "", FieldType.enumOf(Feeling.class, Feeling.values()))
                .build();

        assertThatThrownBy(() -> adapter.parse(sig, "[[ ## feeling ## ]]\nANGER"))
                .isInstanceOf(OutputParseException.class)
                .hasMessageContaining("expected one of JOY, SADNESS (Feeling), got 'ANGER'");
    }

    @Test
    void listsMustBeJsonArraysOfTheElementType() {
        SignatureDescription sig = SignatureDescription.builder("L")
                .input("q", "", FieldType.STRING)
                .output("tags", "", FieldType.listOf(FieldType.STRING))
                .build();

        assertThatThrownBy(() -> adapter.parse(sig, "[[ ## tags ## ]]\n[\"a\", 2]"))
                .isInstanceOf(OutputParseException.class)
                .hasMessage("Output field `tags` of L could not be parsed: at `tags[1]`: expected str, got 2");
        assertThatThrownBy(() -> adapter.parse(sig, "[[ ## tags ## ]]\na, b"))
                .isInstanceOf(OutputParseException.class);
    }

    @Test
    void anEmptyReplyIsAnErrorNotAnEmptyResult() {
        SignatureDescription sig = SignatureDescription.builder("S")
                .input("q", "", FieldType.STRING)
                .output("answer", "", FieldType.STRING)
                .build();

        assertThatThrownBy(() -> adapter.parse(sig, "")).isInstanceOf(OutputParseException.class);
        assertThatThrownBy(() -> adapter.parse(sig, "Paris")).isInstanceOf(OutputParseException.class);
    }
}
