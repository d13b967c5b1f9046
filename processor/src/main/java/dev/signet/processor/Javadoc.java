package dev.signet.processor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Javadoc text helpers. */
final class Javadoc {
    private static final Pattern PARAM =
            java.util.regex.Pattern.compile("^\\s*@param\\s+(\\w+)\\s*(.*)$");

    private Javadoc() {}

    /**
     * The {@code @param} descriptions of a doc comment, by name, each joined onto one line (a description may
     * continue on the following lines, up to the next tag).
     */
    static Map<String, String> params(String doc) {
        java.util.Map<String, String> params = new LinkedHashMap<>();
        if (doc == null) {
            return params;
        }
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : doc.split("\\R")) {
            Matcher param = PARAM.matcher(line);
            if (param.matches() || line.strip().startsWith("@")) {
                if (current != null) {
                    params.put(current, text.toString().strip());
                }
                current = param.matches() ? param.group(1) : null;
                text.setLength(0);
                if (current != null) {
                    text.append(param.group(2).strip());
                }
            } else if (current != null && !line.isBlank()) {
                text.append(' ').append(line.strip());
            }
        }
        if (current != null) {
            params.put(current, text.toString().strip());
        }
        return params;
    }

    /** Removes the indentation common to every non-blank line (javac keeps the space after each {@code *}). */
    static String dedent(String text) {
        String[] lines = text.split("\n", -1);
        int margin = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                margin = Math.min(margin, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String line = lines[i];
            out.append(line.isBlank() ? "" : line.substring(margin).stripTrailing());
        }
        return out.toString();
    }
}
