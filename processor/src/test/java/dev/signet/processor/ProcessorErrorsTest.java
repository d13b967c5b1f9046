package dev.signet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic: its id, its text, and the line it points at. */
class ProcessorErrorsTest {
    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("com.example." + name, lines);
    }

    private static Compilation compile(JavaFileObject... sources) {
        return ProcessorShapesTest.compile(sources);
    }

    @Test
    void anImageIsAnInputOnlyAndAFieldOfItsOwn() {
        JavaFileObject good = source("Caption",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "import dev.signet.core.Image;",
                "import java.util.Optional;",
                "@Signature",
                "public interface Caption {",
                "    String caption(Image photo, Optional<Image> detail, dev.signet.core.FileInput brief, String style);",
                "}");
        assertThat(compile(good)).succeededWithoutWarnings();

        JavaFileObject output = source("Draw",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "import dev.signet.core.Image;",
                "@Signature",
                "public interface Draw {",
                "    Image draw(String prompt);",
                "}");
        assertThat(compile(output))
                .hadErrorContaining("[SIGNET-025] The output field `draw` is an Image or FileInput")
                .inFile(output).onLineContaining("Image draw(");

        JavaFileObject nested = source("Album",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "import dev.signet.core.Image;",
                "import java.util.List;",
                "@Signature",
                "public interface Album {",
                "    String title(List<Image> photos);",
                "}");
        assertThat(compile(nested))
                .hadErrorContaining("[SIGNET-026] The field `photos` holds an Image or FileInput inside a List, Set, Map")
                .inFile(nested).onLineContaining("List<Image> photos");
    }

    @Test
    void notAnInterface() {
        JavaFileObject file = source("Bad",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public class Bad {",
                "    public String answer(String question) { return question; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SIGNET-001] @Signature goes on an interface, but Bad is a class")
                .inFile(file).onLineContaining("@Signature");
    }

    @Test
    void noAbstractMethod() {
        JavaFileObject file = source("Empty",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Empty {",
                "    default String answer(String question) { return question; }",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-002] @Signature interface Empty has no abstract method")
                .inFile(file).onLineContaining("@Signature");
    }

    @Test
    void severalAbstractMethods() {
        JavaFileObject file = source("Two",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Two {",
                "    String answer(String question);",
                "    String summarize(String text);",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation)
                .hadErrorContaining("[SIGNET-003] @Signature interface Two has 2 abstract methods "
                        + "(answer(), summarize()), but a signature has exactly one")
                .inFile(file).onLineContaining("String summarize(");
        assertThat(compilation).hadErrorContaining("[SIGNET-003]").inFile(file).onLineContaining("String answer(");
    }

    @Test
    void genericMethod() {
        JavaFileObject file = source("Generic",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Generic {",
                "    <T> String answer(T question);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-004] Signature method answer() declares type parameters")
                .inFile(file).onLineContaining("<T> String answer");
    }

    @Test
    void unsupportedParameterType() {
        JavaFileObject file = source("Objects",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Objects {",
                "    String answer(String question,",
                "                  Object context);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-005] Parameter context has the type java.lang.Object, which a signature "
                        + "field cannot have")
                .inFile(file).onLineContaining("Object context);");
    }

    @Test
    void unsupportedTypeDeepInsideARecordNamesItsPath() {
        JavaFileObject file = source("Audit",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "import java.util.List;",
                "@Signature",
                "public interface Audit {",
                "    Verdict check(String text);",
                "    record Owner(String name, Runnable callback) {}",
                "    record Item(String title, Owner owner) {}",
                "    record Verdict(boolean ok,",
                "                   List<Item> items) {}",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-005] The value at `Verdict.items[].owner.callback` has the type "
                        + "java.lang.Runnable")
                .inFile(file).onLineContaining("List<Item> items");
    }

    @Test
    void arraysAreNotFieldTypes() {
        JavaFileObject file = source("Arrays",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Arrays {",
                "    Result answer(String question);",
                "    record Source(String url) {}",
                "    record Result(String answer,",
                "                  Source[] sources) {}",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-005] The component Result.sources has the type com.example.Arrays.Source[]")
                .inFile(file).onLineContaining("Source[] sources");
    }

    @Test
    void rawTypesAndWildcardsNeedATypeArgument() {
        JavaFileObject file = source("Raw",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Raw {",
                "    Result answer(String question,",
                "                  java.util.List<? extends CharSequence> hints);",
                "    record Result(String answer,",
                "                  @SuppressWarnings(\"rawtypes\") java.util.List sources) {}",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation)
                .hadErrorContaining("[SIGNET-019] The type at `hints[]` is ? extends java.lang.CharSequence")
                .inFile(file).onLineContaining("hints);");
        assertThat(compilation)
                .hadErrorContaining("[SIGNET-019] The type at `Result.sources` is java.util.List, which does not say")
                .inFile(file).onLineContaining("java.util.List sources");
    }

    @Test
    void recursiveRecord() {
        JavaFileObject file = source("Tree",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "import java.util.List;",
                "@Signature",
                "public interface Tree {",
                "    Node parse(String text);",
                "    record Node(String label,",
                "                List<Node> children) {}",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-017] The record Node contains itself at `Node.children[]`")
                .inFile(file).onLineContaining("List<Node> children");
    }

    @Test
    void genericRecordsInsideATypeAreNotFieldTypes() {
        JavaFileObject file = source("Boxes",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Boxes {",
                "    Result answer(String question);",
                "    record Box<T>(T value) {}",
                "    record Result(String answer,",
                "                  Box<String> box) {}",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-005] The component Result.box has the type "
                        + "com.example.Boxes.Box<T> (a generic record)")
                .inFile(file).onLineContaining("Box<String> box");
    }

    @Test
    void toolArgsGoOnARecord() {
        JavaFileObject file = source("NotARecord",
                "package com.example;",
                "import dev.signet.annotation.ToolArgs;",
                "@ToolArgs",
                "public class NotARecord {}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-021] @ToolArgs goes on a record, but NotARecord is a class")
                .inFile(file).onLineContaining("@ToolArgs");
    }

    @Test
    void oneOfIsForDistinctStringValuesAndPipeUnionForAnOptional() {
        JavaFileObject file = source("Moderate",
                "package com.example;",
                "import dev.signet.annotation.InputField;",
                "import dev.signet.annotation.OutputField;",
                "import dev.signet.annotation.Signature;",
                "import java.util.Optional;",
                "@Signature",
                "public interface Moderate {",
                "    Result run(@InputField(oneOf = {\"a\", \"b\"}) int level,",
                "               @InputField(pipeUnion = true) String company);",
                "    record Result(@OutputField(oneOf = {\"approve\", \"approve\"}) String action,",
                "                  @OutputField(oneOf = {\"x\", \"y\"}, pipeUnion = true) Optional<String> choice) {}",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation)
                .hadErrorContaining("[SIGNET-022] @InputField(oneOf = ...) restricts a String field to fixed values, "
                        + "but `level` is not a String or Optional<String>.")
                .inFile(file).onLineContaining("int level");
        assertThat(compilation)
                .hadErrorContaining("[SIGNET-024] @InputField(pipeUnion = true) is for an Optional field")
                .inFile(file).onLineContaining("String company");
        assertThat(compilation)
                .hadErrorContaining("[SIGNET-023] @OutputField(oneOf = ...) on `action` lists [approve, approve]: the "
                        + "values must be distinct and not empty.");
        assertThat(compilation).hadErrorCount(3); // Optional<String> with both oneOf and pipeUnion is fine
    }

    @Test
    void toolArgsComponentsAreCheckedLikeFields() {
        JavaFileObject file = source("BadArgs",
                "package com.example;",
                "import dev.signet.annotation.ToolArgs;",
                "@ToolArgs",
                "public record BadArgs(String query, Object filter) {}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-005] The value at `BadArgs.filter` has the type java.lang.Object")
                .inFile(file).onLineContaining("public record BadArgs");
    }

    @Test
    void mapKeysMustBeStrings() {
        JavaFileObject file = source("Counts",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Counts {",
                "    java.util.Map<Integer, String> count(String text);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-018] The map at `count()` has keys of type java.lang.Integer")
                .inFile(file).onLineContaining("count(String text)");
    }

    @Test
    void optionalOnlyForAWholeFieldOrComponent() {
        JavaFileObject file = source("Maybe",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "import java.util.List;",
                "import java.util.Optional;",
                "@Signature",
                "public interface Maybe {",
                "    List<Optional<String>> answer(String question);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-020] The type at `answer()[]` is an Optional inside")
                .inFile(file).onLineContaining("List<Optional<String>> answer");
    }

    @Test
    void unsupportedReturnType() {
        JavaFileObject file = source("Bytes",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Bytes {",
                "    byte[] answer(String question);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-005] The return type of answer() has the type byte[]")
                .inFile(file).onLineContaining("byte[] answer");
    }

    @Test
    void duplicateFieldNames() {
        JavaFileObject file = source("Dup",
                "package com.example;",
                "import dev.signet.annotation.InputField;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Dup {",
                "    String answer(String question, @InputField(name = \"question\") String context);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-006] The field name `question` is used twice in Dup")
                .inFile(file).onLineContaining("public interface Dup");
    }

    @Test
    void reservedFieldName() {
        JavaFileObject file = source("Reserved",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Reserved {",
                "    Result answer(String question);",
                "    record Result(String answer, boolean completed) {}",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-007] The field name `completed` is reserved")
                .inFile(file).onLineContaining("boolean completed");
    }

    @Test
    void invalidFieldName() {
        JavaFileObject file = source("Invalid",
                "package com.example;",
                "import dev.signet.annotation.InputField;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Invalid {",
                "    String answer(",
                "        @InputField(name = \"the question\") String question);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-008] The field name 'the question' is not valid")
                .inFile(file).onLineContaining("@InputField(name = \"the question\")");
    }

    @Test
    void emptyOutputRecord() {
        JavaFileObject file = source("Nothing",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Nothing {",
                "    Result answer(String question);",
                "    record Result() {}",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-009] The output record Result has no components")
                .inFile(file).onLineContaining("record Result()");
    }

    @Test
    void noInput() {
        JavaFileObject file = source("NoInput",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface NoInput {",
                "    String joke();",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-010] Signature method joke() has no parameters")
                .inFile(file).onLineContaining("String joke()");
    }

    @Test
    void voidMethod() {
        JavaFileObject file = source("Void",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Void {",
                "    void answer(String question);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-011] Signature method answer() returns void")
                .inFile(file).onLineContaining("void answer");
    }

    @Test
    void genericInterface() {
        JavaFileObject file = source("Typed",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Typed<T> {",
                "    T answer(String question);",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-012] @Signature interface Typed declares type parameters")
                .inFile(file).onLineContaining("public interface Typed<T>");
    }

    @Test
    void privateNestedInterface() {
        JavaFileObject file = source("Outer",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "public class Outer {",
                "    @Signature",
                "    private interface Hidden {",
                "        String answer(String question);",
                "    }",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-013] Hidden is private, so the generated predictor "
                        + "Outer_HiddenPredictor cannot use it")
                .inFile(file).onLineContaining("private interface Hidden");
    }

    @Test
    void enumWithoutConstants() {
        JavaFileObject file = source("NoChoice",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface NoChoice {",
                "    Choice pick(String question);",
                "    enum Choice {}",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-014] The enum com.example.NoChoice.Choice has no constants")
                .inFile(file).onLineContaining("Choice pick(");
    }

    @Test
    void genericOutputRecord() {
        JavaFileObject file = source("Boxed",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Boxed {",
                "    Box<String> answer(String question);",
                "    record Box<T>(T value) {}",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-015] The output record Box is generic")
                .inFile(file).onLineContaining("Box<String> answer");
    }

    @Test
    void memberClashesWithGeneratedMethod() {
        JavaFileObject file = source("Clash",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Clash {",
                "    String answer(String question);",
                "    default String predict(String question) { return question; }",
                "}");
        assertThat(compile(file))
                .hadErrorContaining("[SIGNET-016] The member predict of Clash clashes with the method predict "
                        + "that Signet generates on ClashPredictor")
                .inFile(file).onLineContaining("default String predict");
    }

    @Test
    void everyProblemIsReportedInOneCompile() {
        JavaFileObject file = source("Many",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Many {",
                "    Result answer(java.util.Map<Integer, String> a, Object b);",
                "    record Result(String completed, StringBuilder c) {}",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorCount(4);
        assertThat(compilation).hadErrorContaining("[SIGNET-018] The map at `a`").inFile(file).onLineContaining("answer(");
        assertThat(compilation).hadErrorContaining("[SIGNET-005] Parameter b").inFile(file).onLineContaining("answer(");
        assertThat(compilation).hadErrorContaining("[SIGNET-007]").inFile(file).onLineContaining("record Result");
        assertThat(compilation).hadErrorContaining("[SIGNET-005] The component Result.c")
                .inFile(file).onLineContaining("record Result");
    }

    @Test
    void nothingIsGeneratedForASignatureWithErrors() {
        JavaFileObject file = source("Broken",
                "package com.example;",
                "import dev.signet.annotation.Signature;",
                "@Signature",
                "public interface Broken {",
                "    Object answer(String question);",
                "}");
        // One error, ours: a generated predictor for a broken model would add errors of its own.
        assertThat(compile(file)).hadErrorCount(1);
    }
}
