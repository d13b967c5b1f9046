package dev.signet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The processor among others: deferred rounds, the index it writes, the annotations it claims. */
class ProcessorRoundsTest {
    /** Generates {@code com.example.Mood}, an enum, in the first round: as another processor would. */
    static final class GeneratesMood extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer out = processingEnv.getFiler().createSourceFile("com.example.Mood").openWriter()) {
                    out.write("package com.example;\n@javax.annotation.processing.Generated(\"another.Generator\")\n"
                            + "public enum Mood { CALM, ANGRY }\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    /** Runs after Signet's processor and notes every type carrying {@code @Generated} it is shown. */
    static final class SeesGenerated extends AbstractProcessor {
        final List<String> seen = new ArrayList<>();

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("javax.annotation.processing.Generated");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            for (TypeElement annotation : annotations) {
                for (Element element : round.getElementsAnnotatedWith(annotation)) {
                    seen.add(element.getSimpleName().toString());
                }
            }
            return false;
        }
    }

    private static final JavaFileObject CHECK_IN = JavaFileObjects.forSourceLines("com.example.CheckIn",
            "package com.example;",
            "",
            "import dev.signet.annotation.Signature;",
            "",
            "@Signature(\"Read the mood of a message.\")",
            "public interface CheckIn {",
            "    Reading read(String message);",
            "",
            "    record Reading(Mood mood, String reason) {}",
            "}");

    @Test
    void aRecordComponentWhoseTypeAnotherProcessorGeneratesLaterIsDeferredNotRejected() {
        Compilation compilation = javac().withProcessors(new GeneratesMood(), new SignatureProcessor())
                .withOptions("-Xlint:all").compile(CHECK_IN);

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("com.example.CheckInPredictor")
                .contentsAsUtf8String().contains("FieldType.enumOf(Mood.class, Mood.values())");
    }

    @Test
    void anotherGeneratorsGeneratedTypesStayVisibleToTheProcessorsAfterSignets() {
        SeesGenerated after = new SeesGenerated();
        Compilation compilation = javac().withProcessors(new GeneratesMood(), new SignatureProcessor(), after)
                .compile(CHECK_IN);

        assertThat(compilation).succeeded();
        assertThat(after.seen).as("Signet claims @Generated only in rounds of its own generated types")
                .contains("Mood");
    }

    @Test
    void eachPredictorIsListedInTheIndexUnderItsSignature() throws IOException {
        Compilation compilation = javac().withProcessors(new SignatureProcessor()).compile(CHECK_IN,
                JavaFileObjects.forSourceLines("com.example.Mood", "package com.example;",
                        "public enum Mood { CALM, ANGRY }"),
                JavaFileObjects.forSourceLines("com.example.Outer", "package com.example;",
                        "public class Outer {",
                        "    @dev.signet.annotation.Signature public interface Nested { String answer(String q); }",
                        "}"));

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "",
                "META-INF/signet/predictors/com.example.CheckIn").contentsAsUtf8String()
                .isEqualTo("com.example.CheckInPredictor\n");
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "",
                "META-INF/signet/predictors/com.example.Outer.Nested").contentsAsUtf8String()
                .isEqualTo("com.example.Outer_NestedPredictor\n");
    }

    @Test
    void beanValidationBoundsBecomeTheFieldsConstraints() throws IOException {
        Compilation compilation = javac().withProcessors(new SignatureProcessor()).withOptions("-Xlint:all").compile(
                JavaFileObjects.forSourceLines("jakarta.validation.constraints.Min", "package jakarta.validation.constraints;",
                        "import java.lang.annotation.*;",
                        "@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE_USE})",
                        "@Retention(RetentionPolicy.RUNTIME)",
                        "public @interface Min { long value(); }"),
                JavaFileObjects.forSourceLines("jakarta.validation.constraints.Max", "package jakarta.validation.constraints;",
                        "import java.lang.annotation.*;",
                        "@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE_USE})",
                        "@Retention(RetentionPolicy.RUNTIME)",
                        "public @interface Max { long value(); }"),
                JavaFileObjects.forSourceLines("jakarta.validation.constraints.Size", "package jakarta.validation.constraints;",
                        "import java.lang.annotation.*;",
                        "@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE_USE})",
                        "@Retention(RetentionPolicy.RUNTIME)",
                        "public @interface Size { int min() default 0; int max() default Integer.MAX_VALUE; }"),
                JavaFileObjects.forSourceLines("com.example.Keywords", "package com.example;",
                        "import dev.signet.annotation.InputField;",
                        "import dev.signet.annotation.Signature;",
                        "import jakarta.validation.constraints.Max;",
                        "import jakarta.validation.constraints.Min;",
                        "import jakarta.validation.constraints.Size;",
                        "import java.util.List;",
                        "@Signature(\"Pick the keywords of an abstract.\")",
                        "public interface Keywords {",
                        "    Picked pick(String text, @InputField(name = \"max_keywords\", desc = \"upper bound\") @Min(1) @Max(12) int max);",
                        "    record Picked(@Size(max = 3) List<String> keywords, @Min(0) int count) {}",
                        "}"));

        // (javac's processing lint notes that no processor claims jakarta's annotations: they are not Signet's.)
        assertThat(compilation).succeeded();
        assertThat(compilation.generatedSourceFile("com.example.KeywordsPredictor").orElseThrow()
                .getCharContent(true).toString())
                .contains(".input(\"max_keywords\", \"upper bound\", FieldType.INT, new Constraint(Constraint.Kind.GE, "
                        + "\"1\"), new Constraint(Constraint.Kind.LE, \"12\"))")
                .contains(".output(\"keywords\", \"\", FieldType.listOf(FieldType.STRING), new Constraint("
                        + "Constraint.Kind.MAX_LENGTH, \"3\"))")
                .contains(".output(\"count\", \"\", FieldType.INT, new Constraint(Constraint.Kind.GE, \"0\"))");
    }
}
