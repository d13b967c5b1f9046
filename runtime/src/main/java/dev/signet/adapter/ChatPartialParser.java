package dev.signet.adapter;

import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Json;
import dev.signet.internal.JsonCodec;
import dev.signet.rules.Names;
import dev.signet.rules.PythonText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ChatAdapter's format read as it streams, by the rules of {@link ChatAdapter#parse}: a section opens at a
 * line whose stripped text starts with {@code [[ ## name ## ]]} and runs to the next such line; the first section
 * of a field wins; text before the first header is dropped. A section is done, and parsed to its field's type by
 * the code that parses whole replies, when the next header's line is whole. Markers are only looked for in whole
 * lines, so a marker split across pieces reads as if it had come in one; the line being written is held back from
 * a partial text while it could still become a marker.
 */
final class ChatPartialParser implements PartialParser {
    private static final Pattern HEADER = Pattern.compile("^\\[\\[ ## (\\w+) ## \\]\\]");
    private static final String MARKER_START = "[[ ## ";

    private final SignatureDescription signature;
    private final Map<String, Field> outputs = new LinkedHashMap<>();
    private final StringBuilder reply = new StringBuilder();
    private final Set<String> opened = new HashSet<>();
    private final Set<String> done = new HashSet<>();
    /** How far the reply has been scanned for line breaks, and where the line being written starts. */
    private int scanned;
    private int lineStart;
    /** Where the last line break other than {@code \n} is ({@code \r}, {@code \u2028}, ...), or -1. */
    private int lastOtherBreak = -1;
    /** The section being written: its field (null before the first header, or in a section not read). */
    private Field current;
    /** Where its text starts: just after its header. */
    private int currentStart;
    /** What was last reported of the current section. */
    private Object reported;
    /** The current section's list elements parsed so far. */
    private final List<Object> elements = new ArrayList<>();

    ChatPartialParser(SignatureDescription signature) {
        this.signature = signature;
        signature.outputs().forEach(f -> outputs.put(f.name(), f));
    }

    @Override
    public List<Update> feed(String text) {
        reply.append(text);
        List<Update> updates = new ArrayList<>(1);
        for (; scanned < reply.length(); scanned++) {
            char c = reply.charAt(scanned);
            if (PythonText.isLineBreak(c)) {
                if (c != '\n') {
                    lastOtherBreak = scanned;
                }
                line(lineStart, scanned, updates);
                lineStart = scanned + 1;
            }
        }
        partial(updates);
        return updates;
    }

    /** A whole line: when it is a header, the section before it is done and the header's section opens. */
    private void line(int from, int to, List<Update> updates) {
        int first = from;
        while (first < to && Character.isWhitespace(reply.charAt(first))) {
            first++;
        }
        if (first == to || reply.charAt(first) != '[') {
            return; // the common case: not a header
        }
        Matcher header = HEADER.matcher(reply.substring(first, to).strip());
        if (!header.find()) {
            return;
        }
        finish(from, updates);
        String name = header.group(1);
        boolean read = !name.equals(Names.COMPLETED) && outputs.containsKey(name) && opened.add(name);
        current = read ? outputs.get(name) : null;
        currentStart = first + header.end(); // the rest of the header's line belongs to the section
        reported = null;
        elements.clear();
    }

    /** The current section ends at {@code end}: its value parsed and reported done, if it parses. */
    private void finish(int end, List<Update> updates) {
        if (current == null || done.contains(current.name())) {
            return;
        }
        try {
            Object value = ChatAdapter.value(signature, current, section(end), reply.toString());
            done.add(current.name());
            updates.add(new Update(current.name(), value, true));
        } catch (OutputParseException e) {
            // left for the parse of the whole reply to report, with all of it
        }
    }

    /** The current section so far: a string's text, a list's complete elements. */
    private void partial(List<Update> updates) {
        if (current == null || done.contains(current.name())) {
            return;
        }
        int end = reply.length();
        String writing = PythonText.lstrip(reply.substring(lineStart));
        if (!writing.isEmpty() && (MARKER_START.startsWith(writing) || writing.startsWith(MARKER_START))) {
            end = lineStart; // the line being written may be the next header
        }
        Object value = partialValue(current, section(end), elements);
        if (value != null && !Objects.equals(reported, value)) {
            reported = value;
            updates.add(new Update(current.name(), value, false));
        }
    }

    /** The current section's text up to {@code end}, as {@link ChatAdapter#parse} joins and strips it. */
    private String section(int end) {
        end = Math.max(currentStart, end);
        if (lastOtherBreak >= currentStart) {
            List<String> lines = PythonText.splitLines(reply.substring(currentStart, end));
            if (!lines.isEmpty()) {
                lines.set(0, lines.get(0).strip());
            }
            return String.join("\n", lines).strip();
        }
        // Lines broken by \n only, the common case: splitting and joining them again changes nothing, so the
        // section is its header line's rest, stripped, then the lines after it, all stripped; one copy, made for
        // every piece of a long text.
        int firstBreak = reply.indexOf("\n", currentStart);
        int firstEnd = firstBreak < 0 || firstBreak > end ? end : firstBreak;
        int from = currentStart;
        while (from < firstEnd && Character.isWhitespace(reply.charAt(from))) {
            from++;
        }
        int to = firstEnd;
        while (to > from && Character.isWhitespace(reply.charAt(to - 1))) {
            to--;
        }
        int last = end;
        while (last > firstEnd && Character.isWhitespace(reply.charAt(last - 1))) {
            last--;
        }
        if (from == to) { // nothing after the header on its line: the lines after it, stripped
            int first = firstEnd;
            while (first < last && Character.isWhitespace(reply.charAt(first))) {
                first++;
            }
            return reply.substring(first, last);
        }
        if (last == firstEnd) {
            return reply.substring(from, to);
        }
        return new StringBuilder(to - from + last - firstEnd).append(reply, from, to).append(reply, firstEnd, last)
                .toString();
    }

    /**
     * A value still being written: a string's text so far, a list's complete elements; {@code null} for other
     * types (reported only when done) and for optional ones (whose text may yet turn out to be {@code None}).
     *
     * @param parsed the elements of this list parsed before, extended here: each element is parsed once
     */
    static Object partialValue(Field field, String text, List<Object> parsed) {
        FieldType type = field.type();
        if (type.kind() == FieldType.Kind.STRING) {
            return text.isEmpty() ? null : text;
        }
        if (type.kind() != FieldType.Kind.LIST) {
            return null;
        }
        int start = PartialJson.arrayStart(text);
        if (start < 0) {
            return null;
        }
        FieldType element = type.element().orElseThrow();
        List<String> complete = PartialJson.completeElements(text, start);
        if (complete.size() < parsed.size()) {
            parsed.clear(); // not the list read before
        }
        for (int i = parsed.size(); i < complete.size(); i++) {
            try {
                parsed.add(JsonCodec.fromJson(Json.readLenient(complete.get(i)), element));
            } catch (IllegalArgumentException e) {
                return null; // an element that doesn't read yet: wait for the whole value
            }
        }
        return parsed.isEmpty() ? null : List.copyOf(parsed);
    }
}
