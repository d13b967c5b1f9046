package dev.signet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.FieldType;
import dev.signet.rules.PythonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonValuesTest {
    @ParameterizedTest
    @CsvSource({
        "3.0, 3.0",
        "0.5, 0.5",
        "-2.25, -2.25",
        "1e16, 1e+16",
        "1.5e-5, 1.5e-05",
        "0.0001, 0.0001",
        "123456789.125, 123456789.125",
        "1e22, 1e+22",
        "1.2345678901234568e17, 1.2345678901234568e+17",
        "0.1, 0.1",
        "100.0, 100.0",
        "9999999999999998.0, 9999999999999998.0"
    })
    void floatsAreWrittenLikePythonRepr(double value, String python) {
        assertThat(PythonValues.pythonFloat(value)).isEqualTo(python);
    }

    @Test
    void specialFloats() {
        assertThat(PythonValues.pythonFloat(Double.NaN)).isEqualTo("nan");
        assertThat(PythonValues.pythonFloat(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(PythonValues.pythonFloat(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void floatParsingAcceptsPythonSyntaxOnly() {
        assertThat(PythonValues.parse(" 1e-3 ", FieldType.DOUBLE)).isEqualTo(0.001);
        assertThat(PythonValues.parse("7", FieldType.DOUBLE)).isEqualTo(7.0);
        assertThat(PythonValues.parse("nan", FieldType.DOUBLE)).isEqualTo(Double.NaN);
        assertThatThrownBy(() -> PythonValues.parse("1d", FieldType.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected a float");
        assertThatThrownBy(() -> PythonValues.parse("0x10", FieldType.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonIsWrittenLikeJsonDumps() {
        assertThat(PythonValues.format(java.util.List.of("a", "é", "q\"uote"), FieldType.listOf(FieldType.STRING)))
                .isEqualTo("[\"a\", \"é\", \"q\\\"uote\"]");
    }

    @Test
    void dedentRemovesTheCommonMarginOnly() {
        assertThat(PythonText.dedent("  a\n    b\n\n  c")).isEqualTo("a\n  b\n\nc");
        assertThat(PythonText.dedent("\ta\n\tb")).isEqualTo("a\nb");
        assertThat(PythonText.splitLines("a\nb\n")).containsExactly("a", "b");
    }
}
