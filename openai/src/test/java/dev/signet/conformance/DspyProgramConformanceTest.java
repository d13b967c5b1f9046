package dev.signet.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.core.PromptState;
import dev.signet.dspy.DspyInterop;
import dev.signet.internal.PromptStates;
import dev.signet.lm.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code program.save} files between Signet and DSPy 3.3.1 (program-save.json): Signet's export of a program is the
 * file DSPy saves for it, and passes DSPy's {@code program.load}; a file DSPy saved imports into the prompts DSPy
 * renders after loading it, every demo value kept.
 */
class DspyProgramConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode SAVE = DspyConformanceTest.load("program-save.json");
    /** No model is called: these tests render and export only. */
    private static final Signet OFFLINE = Signet.builder().languageModel(request -> {
        throw new AssertionError("no call expected");
    }).build();

    @TempDir
    Path dir;

    private static JsonNode programCase(String id) {
        for (JsonNode c : SAVE.get("cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException(id);
    }

    /** The twins of the case's program's predictors, by DSPy name ({@code ""} for the lone Predict saved flat). */
    private static Map<String, Predictor> twins(JsonNode c, Signet signet) {
        Map<String, Predictor> predictors = new LinkedHashMap<>();
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        leaves(c.get("program"), "", leaves);
        for (Map.Entry<String, JsonNode> leaf : leaves.entrySet()) {
            JsonNode tree = leaf.getValue();
            String module = tree.get("module").asText();
            String name = leaf.getKey() + (module.equals("ChainOfThought") ? (leaf.getKey().isEmpty() ? "predict"
                    : ".predict") : "");
            predictors.put(name, DspyConformanceTest.predictor(signet, tree.get("signature").asText(), module));
        }
        return predictors;
    }

    /** DSPy's attribute paths for the program tree: {@code a.b}, {@code steps[0]}, {@code by_language['ja']}. */
    private static void leaves(JsonNode tree, String path, Map<String, JsonNode> out) {
        if (tree.has("module")) {
            out.put(path, tree);
        } else if (tree.has("submodule")) {
            for (JsonNode child : tree.get("submodule")) {
                leaves(child, (path.isEmpty() ? "" : path + ".") + child.get("attr").asText(), out);
            }
        } else if (tree.has("list")) {
            for (int i = 0; i < tree.get("list").size(); i++) {
                leaves(tree.get("list").get(i), path + "[" + i + "]", out);
            }
        } else {
            tree.get("dict").fields().forEachRemaining(e -> leaves(e.getValue(), path + "['" + e.getKey() + "']", out));
        }
    }

    /** DSPy's predictor names for the case, as {@code twins} keys them. */
    private static String key(String dspyName) {
        return dspyName.equals("self") ? "" : dspyName;
    }

    @Test
    void theTwinsHaveDspysPredictorNames() {
        for (String id : List.of("lone-predict", "composite", "load-checks")) {
            JsonNode c = programCase(id);
            List<String> expected = new ArrayList<>();
            c.get("predictor_names").forEach(n -> expected.add(key(n.asText())));
            assertThat(twins(c, OFFLINE).keySet()).as(id).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void signetsExportOfAProgramIsTheFileDspySavesForIt() throws IOException {
        for (String id : List.of("lone-predict", "composite")) {
            JsonNode c = programCase(id);
            JsonNode saved = c.get("saved");
            Map<String, Predictor> plain = twins(c, OFFLINE);
            Map<String, Predictor> tuned = new LinkedHashMap<>();
            for (Map.Entry<String, Predictor> entry : plain.entrySet()) {
                String dspyName = entry.getKey().isEmpty() ? "self" : entry.getKey();
                JsonNode state = entry.getKey().isEmpty() ? saved : saved.get(entry.getKey());
                PromptState prompt = new PromptState(c.at("/instructions_set").get(dspyName).asText(),
                        PromptStates.demosFromJson(PromptStates.elements(state.get("demos")),
                                entry.getValue().modelSignature()));
                tuned.put(entry.getKey(), entry.getValue().withPrompt(prompt));
            }

            JsonNode exported = MAPPER.readTree(DspyInterop.exportProgram(tuned));

            List<String> names = new ArrayList<>();
            c.get("predictor_names").forEach(n -> names.add(n.asText()));
            assertThat(dspyLoad(exported, names)).as(id + ": DSPy's program.load")
                    .isEqualTo("ok");
            // Signet's demos hold field values only: DSPy's own marks (bootstrapping's "augmented") are not kept,
            // and DSPy renders none of them
            assertThat(withoutMetadata(exported)).as(id).isEqualTo(fieldsOnly(withoutMetadata(saved), plain));
        }
    }

    @Test
    void aFileDspySavedImportsIntoThePromptsDspyRendersAfterLoadingIt() throws IOException {
        for (String id : List.of("lone-predict", "composite", "load-checks")) {
            JsonNode c = programCase(id);
            Path file = dir.resolve(id + ".json");
            Files.writeString(file, MAPPER.writeValueAsString(c.get("saved")));
            Map<String, Predictor> plain = twins(c, OFFLINE);

            Map<String, PromptState> states = DspyInterop.importProgram(file, plain);

            Signet imported = OFFLINE.withPrompts(states);
            for (Map.Entry<String, Predictor> entry : plain.entrySet()) {
                String dspyName = entry.getKey().isEmpty() ? "self" : entry.getKey();
                Predictor predictor = entry.getValue().withPrompt(states.get(entry.getValue().name()));
                JsonNode expected = c.path("prompts_after_load").has(dspyName) ? c.at("/prompts_after_load")
                        .get(dspyName) : c.at("/prompts").get(dspyName);
                List<Message> preview = predictor.preview(DspyConformanceTest.inputs(c.at("/inputs").get(dspyName),
                        predictor.signature()));
                assertThat(messages(preview)).as(id + " " + dspyName).isEqualTo(messages(expected));
                JsonNode demos = (entry.getKey().isEmpty() ? c.get("saved") : c.get("saved").get(entry.getKey()))
                        .get("demos");
                assertThat(states.get(entry.getValue().name()).demos()).as(id + " " + dspyName + ": every demo kept")
                        .hasSize(demos.size());
            }
            assertThat(imported.prompts()).hasSize(plain.size());
        }
    }

    @Test
    void aNullDemoValueSurvivesTheImport() throws IOException {
        JsonNode c = programCase("lone-predict");
        Path file = dir.resolve("lone.json");
        Files.writeString(file, MAPPER.writeValueAsString(c.get("saved")));
        Map<String, Predictor> plain = twins(c, OFFLINE);

        PromptState state = DspyInterop.importProgram(file, plain).values().iterator().next();

        assertThat(state.demos().get(1)).containsKey("certainty");
        assertThat(state.demos().get(1).get("certainty")).isNull();
    }

    @Test
    void theLoaderModelAgreesWithDspyOnEveryVariantAndPassesSignetsExport() throws IOException {
        JsonNode c = programCase("load-checks");
        List<String> names = new ArrayList<>();
        c.get("predictor_names").forEach(n -> names.add(n.asText()));
        for (JsonNode variant : c.get("variants")) {
            JsonNode file = c.get("saved").deepCopy();
            for (JsonNode edit : variant.get("edits")) {
                apply(file, edit);
            }
            String expected = variant.get("program_load").asText();
            String verdict = dspyLoad(file, names);
            assertThat(verdict).as(variant.get("id").asText())
                    .isEqualTo(expected.startsWith("NotImplementedError") ? "NotImplementedError" : expected);
        }
        Map<String, Predictor> plain = twins(c, OFFLINE);
        assertThat(dspyLoad(MAPPER.readTree(DspyInterop.exportProgram(plain)), names)).isEqualTo("ok");
    }

    /**
     * What DSPy 3.3.1's {@code program.load} says of a file, from its rules (primitives/base_module.py:254-292,
     * predict/predict.py:92-120, signatures/signature.py:537-544): {@code ok} or the error it raises. Checked
     * against DSPy's own verdict on every variant of the corpus before it judges Signet's files.
     */
    static String dspyLoad(JsonNode file, List<String> predictorNames) {
        if (!file.has("metadata")) {
            return "KeyError: 'metadata'";
        }
        JsonNode versions = file.get("metadata").get("dependency_versions");
        if (versions == null) {
            return "KeyError: 'dependency_versions'";
        }
        for (var keys = versions.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!Set.of("python", "dspy", "cloudpickle").contains(key)) {
                return "KeyError: '" + key + "'";
            }
        }
        for (String name : predictorNames) {
            JsonNode state = name.equals("self") ? file : file.get(name);
            if (state == null) {
                return "KeyError: '" + name + "'";
            }
            for (String required : List.of("signature", "lm")) {
                if (!state.has(required)) {
                    return "KeyError: '" + required + "'";
                }
            }
            if (state.has("extended_signature")) {
                return "NotImplementedError";
            }
            if (!state.get("signature").has("instructions")) {
                return "KeyError: 'instructions'";
            }
            for (JsonNode field : state.get("signature").path("fields")) {
                for (String required : List.of("prefix", "description")) {
                    if (!field.has(required)) {
                        return "KeyError: '" + required + "'";
                    }
                }
            }
        }
        return "ok";
    }

    private static void apply(JsonNode file, JsonNode edit) {
        JsonNode path = edit.get(1);
        JsonNode parent = file;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i).isInt() ? parent.get(path.get(i).asInt()) : parent.get(path.get(i).asText());
        }
        JsonNode last = path.get(path.size() - 1);
        if (edit.get(0).asText().equals("del")) {
            if (parent instanceof ArrayNode array) {
                array.remove(last.asInt());
            } else {
                ((ObjectNode) parent).remove(last.asText());
            }
        } else if (parent instanceof ArrayNode array) {
            array.set(last.asInt(), edit.get(2));
        } else {
            ((ObjectNode) parent).set(last.asText(), edit.get(2));
        }
    }

    private static JsonNode fieldsOnly(JsonNode file, Map<String, Predictor> predictors) {
        ObjectNode copy = file.deepCopy();
        predictors.forEach((name, predictor) -> {
            JsonNode state = name.isEmpty() ? copy : copy.get(name);
            Set<String> fields = new java.util.HashSet<>();
            predictor.modelSignature().fields().forEach(f -> fields.add(f.name()));
            state.get("demos").forEach(demo -> ((ObjectNode) demo).retain(fields));
        });
        return copy;
    }

    private static JsonNode withoutMetadata(JsonNode file) {
        ObjectNode copy = file.deepCopy();
        copy.remove("metadata");
        return copy;
    }

    private static List<Map<String, String>> messages(List<Message> messages) {
        List<Map<String, String>> out = new ArrayList<>();
        messages.forEach(m -> out.add(Map.of("role", m.role().wireName(), "content", m.content())));
        return out;
    }

    private static List<Map<String, String>> messages(JsonNode messages) {
        List<Map<String, String>> out = new ArrayList<>();
        messages.forEach(m -> out.add(Map.of("role", m.get("role").asText(), "content", m.get("content").asText())));
        return out;
    }
}
