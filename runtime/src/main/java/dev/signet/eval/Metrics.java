package dev.signet.eval;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The standard metrics, comparing one output field with its label as DSPy does: text is normalised (Unicode
 * NFD, lower case, ASCII punctuation and the articles a/an/the removed, white space collapsed) before it is
 * compared. Non-text values are compared with {@code equals}.
 */
public final class Metrics {
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private Metrics() {}

    /** 1 when the field equals its label after normalisation, else 0. */
    public static Metric exactMatch(String field) {
        return (example, prediction) -> {
            Object expected = example.label(field);
            Object actual = prediction.outputs().asMap().get(field);
            boolean match = expected instanceof String e && actual instanceof String a
                    ? normalize(e).equals(normalize(a))
                    : Objects.equals(expected, actual);
            return new Score(match ? 1 : 0, match ? null : "expected " + expected + ", got " + actual);
        };
    }

    /** The token-level F1 of the field's text against its label (SQuAD's), after normalisation. */
    public static Metric f1(String field) {
        return (example, prediction) -> Score.of(f1(String.valueOf(prediction.outputs().asMap().get(field)),
                String.valueOf((Object) example.label(field))));
    }

    /** 1 when the label, normalised, appears in the field's normalised text, else 0. */
    public static Metric contains(String field) {
        return (example, prediction) -> {
            String expected = normalize(String.valueOf((Object) example.label(field)));
            String actual = normalize(String.valueOf(prediction.outputs().asMap().get(field)));
            return Score.of(!expected.isEmpty() && (" " + actual + " ").contains(" " + expected + " ") ? 1 : 0);
        };
    }

    /** DSPy's {@code normalize_text}. */
    public static String normalize(String text) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        String withoutArticles = ARTICLES.matcher(kept).replaceAll(" ");
        return String.join(" ", withoutArticles.trim().split("\\s+")).trim();
    }

    /** SQuAD's token F1 of two texts, after normalisation. */
    public static double f1(String prediction, String truth) {
        List<String> predicted = tokens(prediction);
        List<String> expected = tokens(truth);
        if (predicted.isEmpty() || expected.isEmpty()) {
            return predicted.equals(expected) ? 1 : 0;
        }
        Map<String, Integer> counts = new HashMap<>();
        expected.forEach(t -> counts.merge(t, 1, Integer::sum));
        int same = 0;
        for (String token : predicted) {
            Integer left = counts.get(token);
            if (left != null && left > 0) {
                same++;
                counts.put(token, left - 1);
            }
        }
        if (same == 0) {
            return 0;
        }
        double precision = (double) same / predicted.size();
        double recall = (double) same / expected.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static List<String> tokens(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : List.of(normalized.split(" "));
    }
}
