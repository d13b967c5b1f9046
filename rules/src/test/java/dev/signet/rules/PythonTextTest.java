package dev.signet.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonTextTest {
    @Test
    void cleandocAsPython311() {
        // the expected values are Python 3.11's inspect.cleandoc of the same text
        assertThat(PythonText.cleandoc("  Summarize.\n    Be brief.\n      Indented more.\n")).isEqualTo(
                "Summarize.\nBe brief.\n  Indented more.");
        assertThat(PythonText.cleandoc("\n\n  First.\n\n  Second.\n  \n")).isEqualTo("First.\n\nSecond.");
        assertThat(PythonText.cleandoc("Tabs:\n\tone\n\t\ttwo")).isEqualTo("Tabs:\none\n        two");
        assertThat(PythonText.cleandoc("CRLF\r\n  line\r\n")).isEqualTo("CRLF\r\nline\r");
        assertThat(PythonText.cleandoc("   ")).isEmpty();
    }

    @Test
    void titleAsPython() {
        assertThat(PythonText.fieldTitle("po_number")).isEqualTo("Po Number");
        assertThat(PythonText.fieldTitle("totalMinutes")).isEqualTo("Totalminutes");
        assertThat(PythonText.title("a1b c_d")).isEqualTo("A1B C_D");
    }

    @Test
    void floatsAndStringsAsJsonDumps() {
        assertThat(PythonText.floatRepr(3)).isEqualTo("3.0");
        assertThat(PythonText.floatRepr(1e-5)).isEqualTo("1e-05");
        assertThat(PythonText.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonText.floatRepr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PythonText.jsonQuote("a\"b\\c\n\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001é\"");
    }

    @Test
    void splitLinesAndStripAsPython() {
        assertThat(PythonText.splitLines("a\r\nb\rc\u2028d\u001ce\n")).containsExactly("a", "b", "c", "d", "e");
        assertThat(PythonText.splitLines("")).isEmpty();
        assertThat(PythonText.splitLines("a\n\nb")).containsExactly("a", "", "b");
        assertThat(PythonText.strip("\u00a0 x \u0085")).isEqualTo("x");
    }
}
