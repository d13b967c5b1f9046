package dev.signet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Every supported signature shape compiles without warnings and generates the golden source. */
class ProcessorShapesTest {
    static final JavaFileObject PLANNER = JavaFileObjects.forSourceLines("com.example.Planner",
                "package com.example;",
                "",
                "import dev.signet.annotation.OutputField;",
                "import dev.signet.annotation.Signature;",
                "import java.math.BigDecimal;",
                "import java.time.Instant;",
                "import java.time.LocalDate;",
                "import java.time.LocalDateTime;",
                "import java.util.List;",
                "import java.util.Map;",
                "import java.util.Optional;",
                "import java.util.Set;",
                "",
                "/** Plan the work. */",
                "@Signature",
                "public interface Planner {",
                "    /**",
                "     * @param goal what to achieve,",
                "     *     in one sentence",
                "     * @param budget the money available",
                "     */",
                "    Plan plan(String goal, BigDecimal budget, Optional<LocalDate> deadline,",
                "              Map<String, List<Integer>> history, LocalDateTime now);",
                "",
                "    enum Priority { LOW, HIGH }",
                "",
                "    /** @param name the owner's full name */",
                "    record Owner(String name, Optional<String> email) {}",
                "",
                "    record Item(@OutputField(desc = \"short title\") String title, Priority priority,",
                "                List<Owner> owners, double cost, Set<Long> tickets) {}",
                "",
                "    record Plan(Item main, Map<String, Boolean> checks, Optional<Owner> reviewer, Instant created) {}",
                "}");

    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new SignatureProcessor()).withOptions("-Xlint:all").compile(sources);
    }

    @Test
    void singleStringOutputWithJavadocInstructions(TestInfo test) {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.QA",
                "package com.example;",
                "",
                "import dev.signet.annotation.InputField;",
                "import dev.signet.annotation.OutputField;",
                "import dev.signet.annotation.Signature;",
                "",
                "/**",
                " * Answer questions with short factoid answers.",
                " *",
                " * @see <a href=\"https://dspy.ai\">DSPy</a>",
                " */",
                "@Signature",
                "public interface QA {",
                "    @OutputField(desc = \"often between 1 and 5 words\")",
                "    String answer(@InputField(desc = \"a trivia question\") String question);",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "com.example.QAPredictor", test);
    }

    @Test
    void enumOutputWithAnnotationInstructions(TestInfo test) {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Sentiment",
                "package com.example;",
                "",
                "import dev.signet.annotation.Signature;",
                "",
                "@Signature(\"Classify the sentiment of a review.\")",
                "public interface Sentiment {",
                "    Label classify(String review);",
                "",
                "    enum Label { POSITIVE, NEGATIVE, NEUTRAL }",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "com.example.SentimentPredictor", test);
    }

    @Test
    void recordOfSeveralOutputs(TestInfo test) {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Emotion",
                "package com.example;",
                "",
                "import dev.signet.annotation.InputField;",
                "import dev.signet.annotation.OutputField;",
                "import dev.signet.annotation.Signature;",
                "import java.util.List;",
                "",
                "@Signature(\"Classify the emotion expressed in a sentence.\")",
                "public interface Emotion {",
                "    Verdict classify(@InputField(desc = \"one sentence\") String sentence);",
                "",
                "    enum Feeling { JOY, SADNESS, ANGER }",
                "",
                "    record Verdict(@OutputField(desc = \"the dominant emotion\") Feeling feeling,",
                "                   @OutputField(desc = \"between 0 and 1\") double confidence,",
                "                   @OutputField(name = \"key_words\") List<String> keywords,",
                "                   boolean sarcastic) {}",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "com.example.EmotionPredictor", test);
    }

    @Test
    void primitivesBoxesListsAndDefaultInstructions(TestInfo test) {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Scores",
                "package com.example;",
                "",
                "import dev.signet.annotation.InputField;",
                "import dev.signet.annotation.Signature;",
                "import java.util.List;",
                "",
                "@Signature",
                "public interface Scores {",
                "    Long total(int count, Integer bonus, long base, Long extra, double weight, Double factor,",
                "               boolean strict, Boolean lenient, List<String> tags,",
                "               @InputField(name = \"the_query\") String query);",
                "",
                "    default String describe() { return \"scores\"; }",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "com.example.ScoresPredictor", test);
    }

    @Test
    void nestedInterfaceGetsEnclosingNamesJoinedByUnderscore(TestInfo test) {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Support",
                "package com.example;",
                "",
                "import dev.signet.annotation.Signature;",
                "",
                "public final class Support {",
                "    private Support() {}",
                "",
                "    /** Route a support ticket to a team. */",
                "    @Signature",
                "    public interface Triage {",
                "        Team route(String ticket);",
                "    }",
                "",
                "    public enum Team { BILLING, TECHNICAL }",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "com.example.Support_TriagePredictor", test);
    }

    @Test
    void inheritedMethodFromGenericSuperInterfaceIsResolved(TestInfo test) {
        Compilation compilation = compile(
                JavaFileObjects.forSourceLines("com.example.Task",
                        "package com.example;",
                        "",
                        "public interface Task<I, O> {",
                        "    O run(I input);",
                        "}"),
                JavaFileObjects.forSourceLines("com.example.Summarize",
                        "package com.example;",
                        "",
                        "import dev.signet.annotation.Signature;",
                        "",
                        "@Signature(\"Summarize the text in one sentence.\")",
                        "public interface Summarize extends Task<String, String> {}"));
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "com.example.SummarizePredictor", test);
    }

    @Test
    void everyTypeFamilyWithNestedRecordsAndJavadocDescriptions(TestInfo test) {
        Compilation compilation = compile(PLANNER);
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "com.example.PlannerPredictor", test);
    }

    @Test
    void toolArgumentsRecordGetsItsTypeHolder(TestInfo test) {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Tools",
                "package com.example;",
                "",
                "import dev.signet.annotation.InputField;",
                "import dev.signet.annotation.ToolArgs;",
                "import java.util.List;",
                "import java.util.Optional;",
                "",
                "public final class Tools {",
                "    private Tools() {}",
                "",
                "    /** @param limit how many results at most */",
                "    @ToolArgs",
                "    public record SearchArgs(@InputField(desc = \"what to look up\") String query, int limit,",
                "                             Optional<List<String>> sites) {}",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "com.example.Tools_SearchArgsType", test);
    }

    @Test
    void interfaceInTheDefaultPackage(TestInfo test) {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("Echo",
                "import dev.signet.annotation.Signature;",
                "",
                "@Signature",
                "interface Echo {",
                "    String echo(String text);",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        Goldens.assertGeneratedMatchesGolden(compilation, "EchoPredictor", test);
    }

    @Test
    void theSchemaComputedAtCompileTimeEqualsWhatTheRuntimeDerives(@TempDir Path classes) throws Exception {
        // The processor describes the types it compiled, the runtime its FieldTypes: one rule writes both schemas.
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Lookup",
                "package com.example;",
                "",
                "import dev.signet.annotation.OutputField;",
                "import dev.signet.annotation.ToolArgs;",
                "import java.util.List;",
                "import java.util.Map;",
                "import java.util.Optional;",
                "import java.util.Set;",
                "",
                "@ToolArgs",
                "public record Lookup(String query, Optional<Integer> limit, List<Owner> owners, Map<String, Set<Long>> ids,",
                "        Priority priority) {",
                "    public enum Priority { LOW, HIGH }",
                "",
                "    /** @param name the owner's full name */",
                "    public record Owner(String name, Optional<String> email) {}",
                "}"));
        assertThat(compilation).succeeded();
        try (URLClassLoader loader = load(compilation, classes)) {
            Class<?> holder = loader.loadClass("com.example.LookupType");
            String compiled = (String) holder.getField("JSON_SCHEMA").get(null);
            FieldType runtime = (FieldType) holder.getField("TYPE").get(null);
            assertThat(compiled).isEqualTo(runtime.jsonSchema())
                    .contains("\"description\": \"the owner's full name\"")
                    .contains("\"enum\": [\"LOW\", \"HIGH\"], \"title\": \"Priority\"");
        }
    }

    /** Writes the compiled classes to a folder and loads them over the test's class path. */
    private static URLClassLoader load(Compilation compilation, Path classes) throws Exception {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String path = file.toUri().getPath();
                String prefix = StandardLocation.CLASS_OUTPUT.getName() + "/";
                Path target = classes.resolve(path.substring(path.indexOf(prefix) + prefix.length()));
                Files.createDirectories(target.getParent());
                try (var in = file.openInputStream()) {
                    Files.write(target, in.readAllBytes());
                }
            }
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, ProcessorShapesTest.class.getClassLoader());
    }

    @Test
    void generatedSignatureConstantDescribesTheFields(@TempDir Path classes) throws Exception {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Emotion",
                "package com.example;",
                "",
                "import dev.signet.annotation.InputField;",
                "import dev.signet.annotation.OutputField;",
                "import dev.signet.annotation.Signature;",
                "import java.util.List;",
                "",
                "/**",
                " *   Classify the emotion.",
                " *     Be brief.",
                " */",
                "@Signature",
                "public interface Emotion {",
                "    Verdict classify(@InputField(desc = \"one sentence\") String sentence);",
                "    enum Feeling { JOY, SADNESS }",
                "    record Verdict(Feeling feeling, @OutputField(name = \"key_words\") List<String> keywords) {}",
                "}"));
        assertThat(compilation).succeeded();
        try (URLClassLoader loader = load(compilation, classes)) {
            Class<?> predictor = loader.loadClass("com.example.EmotionPredictor");
            SignatureDescription signature = (SignatureDescription) predictor.getField("SIGNATURE").get(null);
            assertThat(signature.name()).isEqualTo("com.example.Emotion");
            assertThat(signature.instructions()).isEqualTo("Classify the emotion.\n  Be brief.");
            assertThat(signature.inputs()).extracting(f -> f.name() + ":" + f.type() + ":" + f.description())
                    .containsExactly("sentence:str:one sentence");
            assertThat(signature.outputs()).extracting(f -> f.name() + ":" + f.type())
                    .containsExactly("feeling:Feeling", "key_words:list[str]");
            assertThat(signature.outputs().get(0).type().enumConstants()).extracting(Enum::name)
                    .containsExactly("JOY", "SADNESS");
            assertThat(signature.outputs().get(1).type()).isEqualTo(FieldType.listOf(FieldType.STRING));
            assertThat(List.of(predictor.getInterfaces())).extracting(Class::getName)
                    .containsExactly("com.example.Emotion");
        }
    }

    /**
     * A consumer that lints its sources strictly: the generated code carries Javadoc that passes
     * {@code -Xdoclint:all} (every member, private ones too, with every parameter and return documented) and
     * compiles without a warning under {@code -Xlint:all -Werror}.
     */
    @Test
    void generatedCodePassesDoclintAndLintAsErrors() {
        Compilation linted = javac().withProcessors(new SignatureProcessor()).withOptions("-Xlint:all", "-Werror")
                .compile(TRIAGE);
        assertThat(linted).succeededWithoutWarnings();
        // javac's doclint also reports the user's own record components (their implicit private fields): only
        // what Signet generated is judged here.
        Compilation documented = javac().withProcessors(new SignatureProcessor()).withOptions("-Xdoclint:all")
                .compile(TRIAGE);
        assertThat(documented).succeeded();
        assertThat(documented.generatedSourceFiles()).hasSize(2);
        assertThat(documented.diagnostics()).filteredOn(d -> d.getSource() != null
                        && d.getSource().toUri().getPath().startsWith("/SOURCE_OUTPUT/"))
                .extracting(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
                .isEmpty();
    }

    private static final JavaFileObject TRIAGE = JavaFileObjects.forSourceLines("com.example.Triage",
                        "package com.example;",
                        "",
                        "import dev.signet.annotation.InputField;",
                        "import dev.signet.annotation.OutputField;",
                        "import dev.signet.annotation.Signature;",
                        "import dev.signet.annotation.ToolArgs;",
                        "import java.util.List;",
                        "import java.util.Optional;",
                        "",
                        "/** Triage a support ticket and route it. */",
                        "@Signature",
                        "public interface Triage {",
                        "    /**",
                        "     * Triages one ticket.",
                        "     *",
                        "     * @param ticket the ticket's text",
                        "     * @param tags its tags",
                        "     * @param customer who wrote it",
                        "     * @return the verdict",
                        "     */",
                        "    Verdict triage(@InputField(desc = \"the ticket <text> & all */\") String ticket,",
                        "                   List<String> tags, Optional<String> customer);",
                        "",
                        "    /** How urgent a ticket is. */",
                        "    enum Urgency {",
                        "        /** Can wait. */ LOW,",
                        "        /** Now. */ HIGH",
                        "    }",
                        "",
                        "    /**",
                        "     * The verdict.",
                        "     *",
                        "     * @param urgency how urgent",
                        "     * @param team the team to route to",
                        "     */",
                        "    record Verdict(Urgency urgency, @OutputField(desc = \"a team\") String team) {}",
                        "",
                        "    /**",
                        "     * A tool's arguments.",
                        "     *",
                        "     * @param query what to look up",
                        "     */",
                        "    @ToolArgs",
                        "    record Lookup(String query) {}",
                        "}");
}
