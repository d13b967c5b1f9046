package dev.signet.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python's text functions that decide bytes of a DSPy prompt: how {@code json.dumps(..., ensure_ascii=False)} quotes
 * a string, how {@code repr(float)} writes a number, {@code str.title()}, {@code inspect.cleandoc}, and how DSPy
 * quotes a literal's value.
 */
public final class PythonText {
    private PythonText() {}

    /** A JSON string as {@code json.dumps(text, ensure_ascii=False)} writes it. */
    public static String jsonQuote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        jsonQuote(text, out);
        return out.toString();
    }

    /** Appends a JSON string as {@code json.dumps(text, ensure_ascii=False)} writes it. */
    public static void jsonQuote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** Python's {@code repr(float)}: {@code 3.0}, {@code 0.5}, {@code 1e-05}, {@code 1e+16}, {@code nan}, {@code inf}. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - exact.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.indexOf('.') >= 0 ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /**
     * Python's {@code str.title()}: a letter after a letter is lower-cased, any other letter upper-cased
     * ({@code "po_number"} gives {@code "Po_Number"}).
     */
    public static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean previousCased = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            out.append(cased ? (previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c)) : c);
            previousCased = cased;
        }
        return out.toString();
    }

    /** pydantic's default title of a field: {@code name.title().replace('_', ' ')}, stripped. */
    public static String fieldTitle(String name) {
        return title(name).replace('_', ' ').strip();
    }

    /**
     * Python's {@code inspect.cleandoc}, which DSPy applies to a signature's instructions: tabs expanded to
     * 8-column stops, the indentation common to every line after the first (blank lines aside) removed, the first
     * line's leading whitespace removed, and blank lines at the start and the end dropped. Lines are split as
     * {@code str.expandtabs().split('\n')} splits them.
     */
    public static String cleandoc(String doc) {
        String[] lines = expandTabs(doc).split("\n", -1);
        int margin = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            String content = lstrip(lines[i]);
            if (!content.isEmpty()) {
                margin = Math.min(margin, lines[i].length() - content.length());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(lstrip(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            out.add(margin == Integer.MAX_VALUE ? lines[i] : lines[i].substring(Math.min(margin, lines[i].length())));
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out);
    }

    /**
     * Python's {@code textwrap.dedent}: empties the lines of only spaces and tabs, then removes the run of spaces
     * and tabs common to the start of every other line. A line is split at {@code \n} alone, so a line holding
     * {@code \r} is not blank, and its leading spaces count.
     */
    public static String dedent(String text) {
        String[] lines = text.split("\n", -1);
        String margin = null;
        for (int i = 0; i < lines.length; i++) {
            int indent = 0;
            while (indent < lines[i].length() && (lines[i].charAt(indent) == ' ' || lines[i].charAt(indent) == '\t')) {
                indent++;
            }
            if (indent == lines[i].length()) {
                lines[i] = ""; // only spaces and tabs (or nothing)
                continue;
            }
            String leading = lines[i].substring(0, indent);
            if (margin == null) {
                margin = leading;
            } else {
                int common = 0;
                while (common < margin.length() && common < leading.length()
                        && margin.charAt(common) == leading.charAt(common)) {
                    common++;
                }
                margin = margin.substring(0, common);
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(margin == null || lines[i].isEmpty() ? lines[i] : lines[i].substring(margin.length()));
        }
        return out.toString();
    }

    /** Python's {@code str.isspace()} for one character (which counts NEL and the no-break spaces, as Java does not). */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u0085' || c == '\u00a0' || c == '\u2007' || c == '\u202f';
    }

    /** Python's {@code str.strip()}. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Python's {@code str.lstrip()}. */
    public static String lstrip(String text) {
        int start = 0;
        while (start < text.length() && isSpace(text.charAt(start))) {
            start++;
        }
        return text.substring(start);
    }

    /** Python's {@code str.rstrip()}. */
    public static String rstrip(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Python's {@code str.splitlines()}: breaks at {@code \n}, {@code \r}, {@code \r\n}, {@code \v}, {@code \f},
     * {@code \x1c}-{@code \x1e}, {@code \x85}, {@code \u2028} and {@code \u2029}; no empty line after a final break.
     */
    public static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!isLineBreak(c)) {
                i++;
                continue;
            }
            lines.add(text.substring(start, i));
            i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            start = i;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Whether {@code str.splitlines()} breaks a line at this character ({@code \r\n} is one break). */
    public static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d'
                || c == '\u001e' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Python's {@code str.expandtabs()}: each tab to the next multiple of 8 columns, counted from each newline. */
    static String expandTabs(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int column = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                int spaces = 8 - column % 8;
                out.append(" ".repeat(spaces));
                column += spaces;
            } else {
                out.append(c);
                column = c == '\n' || c == '\r' ? 0 : column + 1;
            }
        }
        return out.toString();
    }

    /** How DSPy quotes a literal's value in a type name ({@code Literal['a', "it's"]}). */
    public static String literalRepr(String value) {
        boolean single = value.indexOf('\'') >= 0;
        boolean dbl = value.indexOf('"') >= 0;
        if (single && !dbl) {
            return "\"" + value + "\"";
        }
        if (single) {
            return "'" + value.replace("'", "\\'") + "'";
        }
        return "'" + value + "'";
    }
}
