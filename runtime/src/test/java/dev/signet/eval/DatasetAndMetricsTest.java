package dev.signet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetAndMetricsTest {
    enum Label { POSITIVE, NEGATIVE }

    static final SignatureDescription REVIEW = SignatureDescription.builder("Review")
            .input("text", "", FieldType.STRING)
            .input("stars", "", FieldType.INT)
            .output("label", "", FieldType.enumOf(Label.class, Label.values()))
            .output("tags", "", FieldType.listOf(FieldType.STRING))
            .output("note", "", FieldType.optionalOf(FieldType.STRING))
            .build();

    @TempDir
    Path dir;

    private Path write(String... lines) throws Exception {
        Path file = dir.resolve("data.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void loadsTypedExamplesSkippingBlankLinesAndIgnoringOtherProperties() throws Exception {
        Path file = write("{\"text\": \"Great\", \"stars\": 5, \"label\": \"POSITIVE\", \"tags\": [\"fun\"], \"id\": 7}",
                "",
                "{\"text\": \"Bad\", \"stars\": 1, \"label\": \"negative\", \"tags\": [], \"note\": \"refund\"}");

        List<Example> examples = Dataset.loadJsonl(file, REVIEW);

        assertThat(examples).hasSize(2);
        assertThat(examples.get(0).inputs()).containsExactly(Map.entry("text", "Great"), Map.entry("stars", 5));
        assertThat(examples.get(0).<Label>label("label")).isEqualTo(Label.POSITIVE);
        assertThat(examples.get(0).<Optional<String>>label("note")).isEmpty();
        assertThat(examples.get(1).<Label>label("label")).isEqualTo(Label.NEGATIVE);
        assertThat(examples.get(1).<Optional<String>>label("note")).contains("refund");
    }

    @Test
    void aBadLineNamesTheFileTheLineAndTheField() throws Exception {
        Path invalid = write("{\"text\": \"ok\", \"stars\": 5, \"label\": \"POSITIVE\", \"tags\": []}", "{\"text\": ");
        assertThatThrownBy(() -> Dataset.loadJsonl(invalid, REVIEW))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith(invalid + ":2: not valid JSON");
                });

        Path missing = write("{\"text\": \"ok\", \"label\": \"POSITIVE\", \"tags\": []}");
        assertThatThrownBy(() -> Dataset.loadJsonl(missing, REVIEW))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.field()).contains("stars");
                    assertThat(e.getMessage()).startsWith(missing + ":1: no value for the input field `stars` (int)");
                });

        Path wrongType = write("{\"text\": \"ok\", \"stars\": 5, \"label\": \"POSITIVE\", \"tags\": [\"a\", 3]}");
        assertThatThrownBy(() -> Dataset.loadJsonl(wrongType, REVIEW))
                .isInstanceOf(DatasetException.class)
                .hasMessage(wrongType + ":1: field `tags[1]`: expected str, got 3");
    }

    @Test
    void aLineThatIsNotUtf8IsNamedEvenFarIntoTheFile() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 500; i++) { // past any reader's buffer, so the line number is the decoder's own
            lines.append("{\"text\": \"ok\", \"stars\": 5, \"label\": \"POSITIVE\", \"tags\": []}\n");
        }
        byte[] good = lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = "{\"text\": \"caf\u00e9\"}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(good, good.length + bad.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Path latin1 = Files.write(dir.resolve("latin1.jsonl"), all);

        assertThatThrownBy(() -> Dataset.loadJsonl(latin1, REVIEW))
                .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.line()).isEqualTo(501))
                .hasMessage(latin1 + ":501: not valid UTF-8; save the file as UTF-8");
    }

    @Test
    void savesAtomicallyAndLoadsBackTheSameExamples() throws Exception {
        Path file = write("{\"text\": \"Zoë's \\\"pick\\\"\", \"stars\": 4, \"label\": \"POSITIVE\", \"tags\": [\"x\"], "
                + "\"note\": null}");
        List<Example> examples = Dataset.loadJsonl(file, REVIEW);
        Path copy = dir.resolve("out/copy.jsonl");

        Dataset.saveJsonl(copy, examples, REVIEW);

        assertThat(Dataset.loadJsonl(copy, REVIEW)).isEqualTo(examples);
        assertThat(Files.readString(copy)).isEqualTo("{\"text\": \"Zoë's \\\"pick\\\"\", \"stars\": 4, \"label\": "
                + "\"POSITIVE\", \"tags\": [\"x\"], \"note\": null}\n");
        try (var files = Files.list(copy.getParent())) {
            assertThat(files).containsExactly(copy);
        }
    }

    @Test
    void shufflesAndSplitsAreDeterministicForASeed() {
        List<Example> examples = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            examples.add(new Example(Map.of("text", "t" + i), Map.of()));
        }
        Dataset.Split split = Dataset.split(examples, 0.7, 42);

        assertThat(split.train()).hasSize(7);
        assertThat(split.dev()).hasSize(3);
        assertThat(Dataset.split(examples, 0.7, 42)).isEqualTo(split);
        assertThat(Dataset.shuffled(examples, 1)).isNotEqualTo(Dataset.shuffled(examples, 2))
                .containsExactlyInAnyOrderElementsOf(examples);
    }

    @Test
    void normalizationAndTheTextMetricsFollowDspy() {
        assertThat(Metrics.normalize("  The Éiffel   Tower!! ")).isEqualTo("e\u0301iffel tower");
        assertThat(Metrics.f1("the Eiffel Tower in Paris", "Eiffel Tower")).isEqualTo(2 * 0.5 * 1.0 / 1.5);
        assertThat(Metrics.f1("", "")).isEqualTo(1.0);
        assertThat(Metrics.f1("Paris", "London")).isEqualTo(0.0);
    }
}
