package dev.signet.internal;

import java.util.ArrayList;
import java.util.List;

/** Python's string helpers that the chat format depends on. Not public API. */
public final class Text {
    private Text() {}

    /** Python's {@code str.splitlines()}: no trailing empty line for a final line break. */
    public static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\\R", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /**
     * Python's {@code textwrap.dedent}: removes the leading whitespace common to every non-blank line and
     * empties lines that hold only whitespace.
     */
    public static String dedent(String text) {
        String[] lines = text.split("\n", -1);
        String margin = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            if (margin == null) {
                margin = indent;
            } else {
                int i = 0;
                while (i < margin.length() && i < indent.length() && margin.charAt(i) == indent.charAt(i)) {
                    i++;
                }
                margin = margin.substring(0, i);
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            out.append(margin == null ? line : line.substring(margin.length()));
        }
        return out.toString();
    }
}
