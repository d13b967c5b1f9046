package dev.signet.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void fieldNames() {
        assertThat(Names.fieldNameProblem("question")).isEmpty();
        assertThat(Names.fieldNameProblem("_x9")).isEmpty();
        assertThat(Names.fieldNameProblem("9x")).get().asString().contains("letters, digits and underscores");
        assertThat(Names.fieldNameProblem("a-b")).isPresent();
        assertThat(Names.fieldNameProblem("completed")).get().asString().contains("reserved");
    }

    @Test
    void predictorNames() {
        assertThat(Names.predictorSimpleName(List.of("QA"))).isEqualTo("QAPredictor");
        assertThat(Names.predictorSimpleName(List.of("Support", "Triage"))).isEqualTo("Support_TriagePredictor");
    }
}
