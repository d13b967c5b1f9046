package dev.signet.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The adapters' partial parsers against their own {@code parse}: a reply cut into pieces anywhere reports every
 * field done exactly once, with the value the whole reply parses to, and its partials only ever grow towards it.
 */
class PartialParserTest {
    enum Feeling { JOY, SADNESS }

    private static final SignatureDescription SIGNATURE = SignatureDescription.builder("EveryKind")
            .input("text", "", FieldType.STRING)
            .output("reasoning", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .output("count", "", FieldType.INT)
            .output("feeling", "", FieldType.enumOf(Feeling.class, Feeling.values()))
            .output("tags", "", FieldType.listOf(FieldType.STRING))
            .output("scores", "", FieldType.mapOf(FieldType.DOUBLE))
            .output("note", "", FieldType.optionalOf(FieldType.STRING))
            .build();

    private static final String NOISE = "[]{}\":,#\n \\ab1";

    private static final String CHAT_REPLY = String.join("\n",
            "[[ ## reasoning ## ]]",
            "The text is happy: it says \"[[ not a marker ]]\" and",
            "  mentions [[ ## answer ## ]] in the middle of a line.",
            "",
            "[[ ## answer ## ]]  Joy, with   ",
            "  a \u00e9 and a \ud83d\ude00.  ",
            "[[ ## count ## ]]",
            " 42 ",
            "[[ ## feeling ## ]]",
            "joy",
            "[[ ## tags ## ]]",
            "[\"a, b\", \"c]\", \"d\\\"e\"]",
            "[[ ## scores ## ]]",
            "{\"x\": 0.5, \"y\": 2}",
            "[[ ## note ## ]]",
            "None",
            "",
            "[[ ## completed ## ]]");

    private static final String JSON_REPLY = "{\"reasoning\": \"The text is happy: it says \\\"{not: json}\\\", "
            + "and a \\\\ and a \\u00e9.\", \"answer\": \"Joy, \\ud83d\\ude00\", \"count\": 42, \"feeling\": \"JOY\", "
            + "\"tags\": [\"a, b\", \"c]\", \"d\\\"e\"], \"scores\": {\"x\": 0.5, \"y\": 2}, \"note\": null}";

    @Test
    void theChatFormatSplitAnywhereReportsWhatTheWholeReplyParsesTo() {
        Outputs whole = new ChatAdapter().parse(SIGNATURE, CHAT_REPLY);
        for (int cut = 0; cut <= CHAT_REPLY.length(); cut++) {
            assertStreamsAs(new ChatAdapter(), List.of(CHAT_REPLY.substring(0, cut), CHAT_REPLY.substring(cut)),
                    whole);
        }
        assertStreamsAs(new ChatAdapter(), characters(CHAT_REPLY), whole);
        assertStreamsAs(new ChatAdapter(), List.of(CHAT_REPLY), whole);
    }

    @Test
    void linesBrokenOtherwiseThanByNewlinesReadAsTheyParse() {
        for (String reply : List.of(CHAT_REPLY.replace("\n", "\r\n"), CHAT_REPLY.replace("\n", "\u2028"),
                CHAT_REPLY.replace("note ## ]]\n", "note ## ]]\r"))) {
            Outputs whole = new ChatAdapter().parse(SIGNATURE, reply);
            for (int cut = 0; cut <= reply.length(); cut += 3) {
                assertStreamsAs(new ChatAdapter(), List.of(reply.substring(0, cut), reply.substring(cut)), whole);
            }
            assertStreamsAs(new ChatAdapter(), characters(reply), whole);
        }
    }

    @Test
    void theJsonFormatSplitAnywhereReportsWhatTheWholeReplyParsesTo() {
        Outputs whole = new JsonAdapter().parse(SIGNATURE, JSON_REPLY);
        for (int cut = 0; cut <= JSON_REPLY.length(); cut++) {
            assertStreamsAs(new JsonAdapter(), List.of(JSON_REPLY.substring(0, cut), JSON_REPLY.substring(cut)),
                    whole);
        }
        assertStreamsAs(new JsonAdapter(), characters(JSON_REPLY), whole);
    }

    @Test
    void randomSplitsOfBothFormatsAgreeWithTheirParse() {
        Random random = new Random(42);
        Outputs chat = new ChatAdapter().parse(SIGNATURE, CHAT_REPLY);
        Outputs json = new JsonAdapter().parse(SIGNATURE, JSON_REPLY);
        for (int run = 0; run < 200; run++) {
            assertStreamsAs(new ChatAdapter(), randomPieces(CHAT_REPLY, random), chat);
            assertStreamsAs(new JsonAdapter(), randomPieces(JSON_REPLY, random), json);
        }
    }

    @Test
    void aStringGrowsLineByLineAndAListElementByElement() {
        PartialParser parser = new ChatAdapter().partialParser(SIGNATURE);

        assertThat(parser.feed("[[ ## reasoning ## ]]\nFirst")).containsExactly(
                new PartialParser.Update("reasoning", "First", false));
        assertThat(parser.feed(" line\nsecond")).containsExactly(
                new PartialParser.Update("reasoning", "First line\nsecond", false));
        // a line that may become a header is held back; once it is one, the section before it is done
        assertThat(parser.feed("\n[[ ##")).isEmpty();
        assertThat(parser.feed(" tags ## ]]\n[\"one\", \"tw")).containsExactly(
                new PartialParser.Update("reasoning", "First line\nsecond", true),
                new PartialParser.Update("tags", List.of("one"), false));
        assertThat(parser.feed("o\", ")).containsExactly(
                new PartialParser.Update("tags", List.of("one", "two"), false));
        assertThat(parser.feed("\"three\"]\n")).containsExactly(
                new PartialParser.Update("tags", List.of("one", "two", "three"), false));
        assertThat(parser.feed("[[ ## completed ## ]]\n")).containsExactly(
                new PartialParser.Update("tags", List.of("one", "two", "three"), true));
    }

    @Test
    void aValueThatDoesNotParseIsNeverReportedDoneAndNothingThrows() {
        PartialParser chat = new ChatAdapter().partialParser(SIGNATURE);
        List<PartialParser.Update> updates = new ArrayList<>();
        for (String piece : List.of("[[ ## count ## ]]\nforty-two\n", "[[ ## feeling ## ]]\nanger\n",
                "[[ ## tags ## ]]\n[1, {\n", "[[ ## completed ## ]]\n")) {
            updates.addAll(chat.feed(piece));
        }
        assertThat(updates).noneMatch(PartialParser.Update::done);

        PartialParser json = new JsonAdapter().partialParser(SIGNATURE);
        updates.clear();
        for (String piece : List.of("{\"count\": \"many\", ", "\"feeling\": 7, \"tags\": [1, ", "}}}]]\"")) {
            updates.addAll(json.feed(piece));
        }
        assertThat(updates).noneMatch(u -> u.done() && !u.field().equals("tags"));
    }

    @Test
    void textThatIsNeitherFormatReportsNothing() {
        Random random = new Random(7);
        for (int run = 0; run < 100; run++) {
            StringBuilder noise = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                noise.append(NOISE.charAt(random.nextInt(NOISE.length())));
            }
            String text = noise.toString();
            for (Adapter adapter : List.of(new ChatAdapter(), new JsonAdapter())) {
                PartialParser parser = adapter.partialParser(SIGNATURE);
                for (String piece : randomPieces(text, random)) {
                    parser.feed(piece); // must not throw
                }
            }
        }
    }

    /** Feeds the pieces and checks the updates against the whole reply's parse. */
    private static void assertStreamsAs(Adapter adapter, List<String> pieces, Outputs whole) {
        PartialParser parser = adapter.partialParser(SIGNATURE);
        Map<String, Object> done = new LinkedHashMap<>();
        Map<String, Object> last = new LinkedHashMap<>();
        for (String piece : pieces) {
            for (PartialParser.Update update : parser.feed(piece)) {
                String name = update.field();
                Object expected = whole.asMap().get(name);
                assertThat(done).as("%s reported again after it was done, pieces %s", name, pieces)
                        .doesNotContainKey(name);
                if (update.done()) {
                    assertThat(update.value()).as("%s done, pieces %s", name, pieces).isEqualTo(expected);
                    done.put(name, update.value());
                } else {
                    assertGrowsTowards(name, last.get(name), update.value(), expected, pieces);
                    last.put(name, update.value());
                }
            }
        }
        // every field but the last is done by the time the next header (or closing key) arrives; what is not done
        // is reported done by the stream from the whole parse
        for (String name : done.keySet()) {
            assertThat(whole.asMap()).containsKey(name);
        }
        assertThat(done.keySet()).as("pieces %s", pieces).contains("reasoning", "answer", "count", "feeling", "tags",
                "scores");
    }

    private static void assertGrowsTowards(String name, Object before, Object now, Object expected,
            List<String> pieces) {
        if (now instanceof String text) {
            assertThat(expected.toString()).as("%s partial, pieces %s", name, pieces).startsWith(text);
            if (before != null) {
                assertThat(text).startsWith(before.toString()).isNotEqualTo(before);
            }
        } else if (now instanceof List<?> elements) {
            List<?> all = (List<?>) expected;
            assertThat(all.subList(0, elements.size())).as("%s partial, pieces %s", name, pieces)
                    .isEqualTo(elements);
            if (before != null) {
                assertThat(elements.size()).isGreaterThan(((List<?>) before).size());
            }
        } else {
            throw new AssertionError(name + ": a partial that is neither text nor a list: " + now);
        }
    }

    private static List<String> characters(String text) {
        List<String> pieces = new ArrayList<>();
        text.codePoints().forEach(c -> pieces.add(new String(Character.toChars(c))));
        return pieces;
    }

    private static List<String> randomPieces(String text, Random random) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int next = Math.min(text.length(), at + 1 + random.nextInt(12));
            pieces.add(text.substring(at, next));
            at = next;
        }
        return pieces;
    }
}
