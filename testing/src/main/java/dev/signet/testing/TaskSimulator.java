package dev.signet.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link LoopbackOpenAiServer.Responder} that plays a model on a known task, for honest optimizer tests: it
 * answers a question correctly with a probability that rises with what the prompt contains, and otherwise
 * plausibly wrong, in the format the request asks for (ChatAdapter markers, or JSON when the request carries a
 * {@code response_format}; with {@code reasoning} when the signature has it).
 *
 * <p>The task: {@code size} questions "What is the code of item N?" whose answers are drawn from the seed. The
 * chance of a right answer is {@code 0.2}, plus {@code 0.15} for each demo of the task in the prompt (up to
 * four), plus {@code 0.3} when the instructions carry the task's {@link #hint()}. Whether a given question is
 * answered right at a given chance is fixed (a hash of the question), so runs are repeatable and a better
 * prompt can only gain answers.
 */
public final class TaskSimulator implements LoopbackOpenAiServer.Responder {
    private static final Pattern QUESTION = Pattern.compile("\\[\\[ ## question ## \\]\\]\\n(.*?)(\\n\\n|$)",
            Pattern.DOTALL);
    private static final Pattern OUTPUT_FIELD = Pattern.compile("^\\d+\\. `(\\w+)` ", Pattern.MULTILINE);
    private static final Pattern ITEM = Pattern.compile("item (\\d+)");

    private final Map<String, String> answers = new LinkedHashMap<>();
    private final String hint;

    private TaskSimulator(long seed, int size) {
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            answers.put(question(i), "code-" + Integer.toString(1000 + random.nextInt(9000), 36).toUpperCase(Locale.ROOT));
        }
        this.hint = "Codes always start with 'code-'";
    }

    /** A task of {@code size} questions drawn from {@code seed}. */
    public static TaskSimulator codes(long seed, int size) {
        return new TaskSimulator(seed, size);
    }

    private static String question(int i) {
        return "What is the code of item " + i + "?";
    }

    /** @return the questions and their right answers, in order */
    public Map<String, String> answers() {
        return java.util.Collections.unmodifiableMap(answers);
    }

    /** @return the sentence whose presence in the instructions makes right answers likelier */
    public String hint() {
        return hint;
    }

    /** @return the chance of a right answer for a prompt with this many task demos, with or without the hint */
    public static double chance(int demos, boolean hinted) {
        return 0.2 + 0.15 * Math.min(demos, 4) + (hinted ? 0.3 : 0);
    }

    @Override
    public Reply respond(RecordedRequest request) {
        List<RecordedRequest.ChatMessage> messages = request.messages();
        String system = messages.get(0).content();
        Matcher question = QUESTION.matcher(request.lastUserMessage());
        if (!question.find()) {
            return Reply.error(400, "task simulator: the request has no [[ ## question ## ]] block");
        }
        String text = question.group(1).strip();
        String truth = answers.get(text);
        int demos = 0;
        for (int i = 1; i < messages.size() - 1; i++) {
            if (messages.get(i).role().equals("assistant") && answers.containsValue(answerIn(messages.get(i).content()))) {
                demos++;
            }
        }
        double chance = chance(demos, system.contains(hint));
        boolean right = truth != null && (Math.floorMod(text.hashCode() * 31 + 7, 1000) / 1000.0) < chance;
        String answer = right ? truth : wrong(text);
        List<String> outputs = outputFields(system);
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : outputs) {
            values.put(field, field.equals("reasoning") ? "I recall the code of this item." : answer);
        }
        if (request.json() != null && request.json().has("response_format")) {
            StringBuilder json = new StringBuilder("{");
            values.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append(Json.quote(k)).append(": ")
                    .append(Json.quote(v)));
            return Reply.text(json.append('}').toString());
        }
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return Reply.fields(pairs.toArray(new String[0]));
    }

    private static String wrong(String question) {
        Matcher item = ITEM.matcher(question);
        return "code-" + (item.find() ? "X" + item.group(1) : "UNKNOWN");
    }

    private static String answerIn(String assistant) {
        Matcher matcher = Pattern.compile("\\[\\[ ## answer ## \\]\\]\\n(.*?)\\n").matcher(assistant);
        return matcher.find() ? matcher.group(1).strip() : "";
    }

    private static List<String> outputFields(String system) {
        int start = system.indexOf("Your output fields are:");
        int end = system.indexOf("All interactions will be structured");
        List<String> fields = new ArrayList<>();
        if (start < 0 || end < start) {
            fields.add("answer");
            return fields;
        }
        Matcher matcher = OUTPUT_FIELD.matcher(system.substring(start, end));
        while (matcher.find()) {
            fields.add(matcher.group(1));
        }
        return fields;
    }
}
