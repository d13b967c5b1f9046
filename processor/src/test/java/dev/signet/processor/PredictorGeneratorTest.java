package dev.signet.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.processor.Model.ClassRef;
import dev.signet.processor.Model.Field;
import dev.signet.processor.Model.Kind;
import dev.signet.processor.Model.Type;
import dev.signet.rules.Constraint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator alone, on models built by hand: no javac, no elements. */
class PredictorGeneratorTest {
    private final PredictorGenerator generator = new PredictorGenerator();

    @Test
    void aHandBuiltModelGeneratesWhatTheProcessorGeneratesFromSource() throws Exception {
        Model.Signature qa = new Model.Signature(new ClassRef("com.example", List.of("QA")), "QAPredictor",
                "Answer questions with short factoid answers.", "answer",
                List.of(new Field("question", "question", "a trivia question", Type.of(Kind.STRING, false))),
                List.of(new Field("answer", "answer", "often between 1 and 5 words", Type.of(Kind.STRING, false))),
                null);

        String generated = generator.generate(qa, null).toString();

        // the same model the processor parses from ProcessorShapesTest's QA source, and so the same file
        assertThat(generated).isEqualTo(Files.readString(Path.of("src/test/resources/goldens/ProcessorShapesTest/"
                + "singleStringOutputWithJavadocInstructions/com.example.QAPredictor.java")));
    }

    @Test
    void recordsPrimitivesAndConstraints() {
        ClassRef verdict = new ClassRef("com.example", List.of("Rate", "Verdict"));
        Type stars = Type.of(Kind.INT, true);
        Type tags = Type.container(Kind.LIST, Type.of(Kind.STRING, false));
        Model.Signature rate = new Model.Signature(new ClassRef("com.example", List.of("Rate")), "RatePredictor",
                null, "rate",
                List.of(new Field("review", "review", "", Type.of(Kind.STRING, false))),
                List.of(new Field("stars", "stars", "", stars, List.of(new Constraint(Constraint.Kind.GE, "1"),
                                new Constraint(Constraint.Kind.LE, "5"))),
                        new Field("tags", "tags", "", tags)),
                verdict);

        String generated = generator.generate(rate, null).toString();

        assertThat(generated)
                .contains(".output(\"stars\", \"\", FieldType.INT, new Constraint(Constraint.Kind.GE, \"1\"), "
                        + "new Constraint(Constraint.Kind.LE, \"5\"))")
                .contains("@SuppressWarnings(\"unchecked\")\n  private static Rate.Verdict result(Outputs outputs)")
                .contains("return new Rate.Verdict(\n            (Integer) outputs.get(\"stars\"),\n"
                        + "            (List<String>) outputs.get(\"tags\"));")
                .doesNotContain(".instructions(")
                .contains("public Predictor predictor()");
    }
}
