package dev.signet.adapter;

import java.util.ArrayList;
import java.util.List;

/**
 * What can be read of JSON while it is still being written: where each complete value ends, skipping what is
 * inside strings. Used by the streaming parsers for a JSON reply's properties and for the elements of a list.
 */
final class PartialJson {
    private PartialJson() {}

    /**
     * The complete elements of the array that starts at {@code start} (its {@code [}) in {@code text}, which may
     * stop anywhere: the raw text of each element followed by a {@code ,} or the array's {@code ]}.
     */
    static List<String> completeElements(CharSequence text, int start) {
        List<String> elements = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int elementStart = start + 1;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> depth++;
                case ']', '}' -> {
                    depth--;
                    if (depth == 0) {
                        add(elements, text, elementStart, i);
                        return elements;
                    }
                }
                case ',' -> {
                    if (depth == 1) {
                        add(elements, text, elementStart, i);
                        elementStart = i + 1;
                    }
                }
                default -> { }
            }
        }
        return elements;
    }

    private static void add(List<String> elements, CharSequence text, int from, int to) {
        String element = text.subSequence(from, to).toString().strip();
        if (!element.isEmpty()) {
            elements.add(element);
        }
    }

    /** The index of the first {@code [} that is not inside a string, or -1. */
    static int arrayStart(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                return i;
            }
            if (!Character.isWhitespace(c) && c != '`' && !Character.isLetter(c)) {
                return -1; // not a list written as JSON (or in a ```json fence)
            }
        }
        return -1;
    }
}
