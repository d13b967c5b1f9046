package dev.signet.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link LoopbackOpenAiServer.Responder} that plays a model on a known task, for honest optimizer tests: it
 * answers a question correctly with a probability that rises with what the prompt contains, and otherwise
 * plausibly wrong, in the format the request asks for (ChatAdapter markers, or JSON when the request carries a
 * {@code response_format}; with {@code reasoning} when the signature has it).
 *
 * <p>Two tasks. {@link #codes}: {@code size} questions "What is the code of item N?" whose answers are drawn from
 * the seed. The chance of a right answer is {@code 0.2}, plus {@code 0.15} for each demo of the task in the prompt
 * (up to four), plus {@code 0.3} when the instructions carry the task's {@link #hint()}. {@link #sections}: "What
 * is the code of item N in section S?", where each of four sections has its own answer prefix, stated by a
 * {@linkplain #rules() rule}; the chance is {@code 0.15}, plus {@code 0.1} a demo (up to four), plus {@code 0.6}
 * when the instructions state the rule of the question's section. Whether a given question is answered right at a
 * given chance is fixed (a hash of the question), so runs are repeatable and a better prompt can only gain answers.
 *
 * <p><b>Proposing and reflecting.</b> Asked for an instruction (a signature whose output field name contains
 * {@code instruction}) or for observations about data ({@code observations}), it answers as a diligent model
 * would from what the prompt shows it, and nothing else: the current instruction (the {@code current_instruction}
 * input, or a "Current instruction:" line), plus every rule of the task that the prompt states (in metric
 * feedback, say, or in a data description), plus, for the codes task, its hint when the examples shown (three or
 * more {@code "answer": "..."} values) all start with {@code code-}. So the hints a task needs are found only in
 * data and feedback, and instruction optimizers can be tested honestly.
 */
public final class TaskSimulator implements LoopbackOpenAiServer.Responder {
    private static final Pattern QUESTION = Pattern.compile("\\[\\[ ## question ## \\]\\]\\n(.*?)(\\n\\n|$)",
            Pattern.DOTALL);
    private static final Pattern OUTPUT_FIELD = Pattern.compile("^\\d+\\. `(\\w+)` ", Pattern.MULTILINE);
    private static final Pattern ITEM = Pattern.compile("item (\\d+)");

    private static final Pattern SECTION_QUESTION = Pattern.compile("What is the code of item \\d+ in section (\\w+)\\?");
    private static final Pattern JSON_ANSWER = Pattern.compile("\"answer\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern CURRENT_INSTRUCTION = Pattern.compile(
            "\\[\\[ ## current_instruction ## \\]\\]\\n(.*?)(\\n\\n\\[\\[ ## |$)", Pattern.DOTALL);
    private static final Pattern CURRENT_INSTRUCTION_LINE = Pattern.compile("(?m)^Current instruction: (.*)$");
    private static final List<String> SECTIONS = List.of("north", "south", "east", "west");

    private final Map<String, String> answers = new LinkedHashMap<>();
    private final String hint;
    /** Section name to its rule; empty for the codes task. */
    private final Map<String, String> rules = new LinkedHashMap<>();

    private TaskSimulator(long seed, int size, boolean sections) {
        Random random = new Random(seed);
        Map<String, String> prefixes = new LinkedHashMap<>();
        if (sections) {
            for (String section : SECTIONS) {
                String prefix;
                do {
                    prefix = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26)) + "-";
                } while (prefixes.containsValue(prefix) || prefix.equals("XX-"));
                prefixes.put(section, prefix);
                rules.put(section, "Items in section " + section + " take the prefix '" + prefix + "'.");
            }
        }
        for (int i = 0; i < size; i++) {
            String code = Integer.toString(1000 + random.nextInt(9000), 36).toUpperCase(Locale.ROOT);
            if (sections) {
                String section = SECTIONS.get(i % SECTIONS.size());
                answers.put(question(i).replace("?", " in section " + section + "?"), prefixes.get(section) + code);
            } else {
                answers.put(question(i), "code-" + code);
            }
        }
        this.hint = "Codes always start with 'code-'";
    }

    /** A task of {@code size} questions drawn from {@code seed}. */
    public static TaskSimulator codes(long seed, int size) {
        return new TaskSimulator(seed, size, false);
    }

    /**
     * A task of {@code size} questions over four sections, whose answers take a prefix that only the section's
     * {@linkplain #rules() rule} tells; a metric's feedback can state it (see {@link #rule}).
     */
    public static TaskSimulator sections(long seed, int size) {
        return new TaskSimulator(seed, size, true);
    }

    /** @return the sections task's rules, one a section, in order; empty for the codes task */
    public List<String> rules() {
        return List.copyOf(rules.values());
    }

    /** @return the rule a question of the sections task needs, if it is one */
    public Optional<String> rule(String question) {
        Matcher section = SECTION_QUESTION.matcher(question);
        return section.find() ? Optional.ofNullable(rules.get(section.group(1))) : Optional.empty();
    }

    private static String question(int i) {
        return "What is the code of item " + i + "?";
    }

    /** @return the questions and their right answers, in order */
    public Map<String, String> answers() {
        return Collections.unmodifiableMap(answers);
    }

    /** @return the sentence whose presence in the instructions makes right answers likelier */
    public String hint() {
        return hint;
    }

    /** @return the chance of a right answer for a prompt with this many task demos, with or without the hint */
    public static double chance(int demos, boolean hinted) {
        return 0.2 + 0.15 * Math.min(demos, 4) + (hinted ? 0.3 : 0);
    }

    /** @return the sections task's chance of a right answer, with this many demos, with or without the rule */
    public static double sectionChance(int demos, boolean ruled) {
        return 0.15 + 0.1 * Math.min(demos, 4) + (ruled ? 0.6 : 0);
    }

    @Override
    public Reply respond(RecordedRequest request) {
        List<RecordedRequest.ChatMessage> messages = request.messages();
        String system = messages.get(0).content();
        List<String> outputs = outputFields(system);
        if (outputs.contains("observations") || outputs.stream().anyMatch(f -> f.contains("instruction"))) {
            return propose(request, outputs);
        }
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
        double chance = rules.isEmpty() ? chance(demos, system.contains(hint))
                : sectionChance(demos, rule(text).map(system::contains).orElse(false));
        boolean right = truth != null && (Math.floorMod(text.hashCode() * 31 + 7, 1000) / 1000.0) < chance;
        String answer = right ? truth : rules.isEmpty() || truth == null ? wrong(text) : "XX-" + truth.substring(3);
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

    /** An instruction or observations, from what the prompt shows: see the class comment. */
    private Reply propose(RecordedRequest request, List<String> outputs) {
        StringBuilder shown = new StringBuilder();
        List<RecordedRequest.ChatMessage> messages = request.messages();
        for (int i = 1; i < messages.size(); i++) {
            shown.append(messages.get(i).content()).append('\n');
        }
        String text = shown.toString();
        List<String> found = new ArrayList<>();
        for (String rule : rules.values()) {
            if (text.contains(rule)) {
                found.add(rule);
            }
        }
        if (rules.isEmpty()) {
            Matcher answer = JSON_ANSWER.matcher(text);
            int seen = 0;
            boolean allCodes = true;
            while (answer.find()) {
                seen++;
                allCodes &= answer.group(1).startsWith("code-");
            }
            if (text.contains(hint) || (seen >= 3 && allCodes)) {
                found.add(hint + ".");
            }
        }
        String field = outputs.get(0);
        if (field.equals("observations")) {
            List<String> lines = new ArrayList<>();
            lines.add("The examples ask for the codes of catalogue items.");
            lines.addAll(found);
            return Reply.fields(field, String.join("\n", lines));
        }
        Matcher current = CURRENT_INSTRUCTION.matcher(request.lastUserMessage());
        Matcher line = CURRENT_INSTRUCTION_LINE.matcher(text);
        String base = current.find() ? current.group(1) : line.find() ? line.group(1) : "Answer the question.";
        for (String rule : found) {
            base = base.replace(rule, "");
        }
        base = base.replace(hint + ".", "").replace(hint, "").replaceAll("\\s+", " ").strip();
        return Reply.fields(field, (base + " " + String.join(" ", found)).strip());
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
