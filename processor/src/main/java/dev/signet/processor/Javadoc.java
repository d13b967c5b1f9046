package dev.signet.processor;

/** Javadoc text helpers. */
final class Javadoc {
    private Javadoc() {}

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
