package dev.signet.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The JsonAdapter's reply read as it streams: one JSON object (from its first {@code {}}), its top-level
 * properties read as the scan reaches them. A property is done, and parsed to its field's type by the code that
 * parses whole replies, when the {@code ,} or {@code }} after its value arrives; until then a string is reported
 * with its text so far (an escape not yet whole held back), a list with its complete elements. The scan keeps its
 * state between pieces, so a token split anywhere reads as if it had come in one.
 */
final class JsonPartialParser implements PartialParser {
    private final SignatureDescription signature;
    private final Map<String, Field> outputs = new LinkedHashMap<>();
    private final StringBuilder reply = new StringBuilder();
    private final Set<String> done = new HashSet<>();
    private int position;
    private boolean started;
    private int depth;
    private boolean inString;
    private boolean escaped;
    /** Where the string being read starts (its opening quote). */
    private int stringStart;
    /** At the top level: the last key read, whether its value is being read, and where that starts. */
    private String key;
    private boolean inValue;
    private int valueStart;
    /** What was last reported of the value being read. */
    private Object reported;
    /** The list elements of the value being read, parsed so far. */
    private final List<Object> elements = new ArrayList<>();

    JsonPartialParser(SignatureDescription signature) {
        this.signature = signature;
        signature.outputs().forEach(f -> outputs.put(f.name(), f));
    }

    @Override
    public List<Update> feed(String text) {
        reply.append(text);
        List<Update> updates = new ArrayList<>(1);
        for (; position < reply.length() && (!started || depth > 0); position++) {
            char c = reply.charAt(position);
            if (!started) {
                started = c == '{';
                depth = started ? 1 : 0;
            } else if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 1 && !inValue) {
                        JsonNode name = Json.readOrNull(reply.substring(stringStart, position + 1));
                        key = name != null ? name.textValue() : null;
                    }
                }
            } else {
                structure(c, updates);
            }
        }
        partial(updates);
        return updates;
    }

    private void structure(char c, List<Update> updates) {
        switch (c) {
            case '"' -> {
                inString = true;
                stringStart = position;
            }
            case ':' -> {
                if (depth == 1 && !inValue) {
                    inValue = true;
                    valueStart = position + 1;
                    reported = null;
                    elements.clear();
                }
            }
            case '{', '[' -> depth++;
            case '}', ']' -> {
                depth--;
                if (depth == 0) {
                    finish(updates);
                }
            }
            case ',' -> {
                if (depth == 1) {
                    finish(updates);
                }
            }
            default -> { }
        }
    }

    /** The value being read ends here: parsed to its field's type and reported done, if it parses. */
    private void finish(List<Update> updates) {
        Field field = inValue && key != null ? outputs.get(key) : null;
        inValue = false;
        key = null;
        if (field == null || done.contains(field.name())) {
            // not an output, or one written twice: the first is reported (the whole reply's parse keeps the last,
            // and the final prediction holds what it kept)
            return;
        }
        JsonNode node = Json.readOrNull(reply.substring(valueStart, position).strip());
        if (node == null || node.isNull() && field.type().kind() != FieldType.Kind.OPTIONAL) {
            return; // left for the parse of the whole reply to report
        }
        try {
            Object value = JsonAdapter.value(signature, field, node.isNull() ? null : node, reply.toString());
            done.add(field.name());
            updates.add(new Update(field.name(), value, true));
        } catch (OutputParseException | IllegalArgumentException e) {
            // left for the parse of the whole reply to report
        }
    }

    /** The value being read, so far: a string's text, a list's complete elements. */
    private void partial(List<Update> updates) {
        Field field = inValue && key != null ? outputs.get(key) : null;
        if (field == null || done.contains(field.name())) {
            return;
        }
        Object value = null;
        if (field.type().kind() == FieldType.Kind.STRING && inString && depth == 1) {
            value = stringSoFar();
        } else if (depth >= 2) {
            value = ChatPartialParser.partialValue(field, reply.substring(valueStart), elements);
        }
        if (value != null && !Objects.equals(reported, value)) {
            reported = value;
            updates.add(new Update(field.name(), value, false));
        }
    }

    /** The text of the string being read, up to its last whole character; null while empty. */
    private String stringSoFar() {
        String raw = reply.substring(stringStart + 1);
        int escape = raw.lastIndexOf('\\');
        if (escape >= 0 && escape >= raw.length() - 6) {
            raw = raw.substring(0, escape); // an escape (up to backslash-u and four digits) perhaps not yet whole
        }
        JsonNode text = Json.readOrNull('"' + raw + '"');
        return text == null || text.textValue().isEmpty() ? null : text.textValue();
    }
}
