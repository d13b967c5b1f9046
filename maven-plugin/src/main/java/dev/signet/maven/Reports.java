package dev.signet.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.artifact.PromptArtifact;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.ExampleResult;
import dev.signet.lm.Message;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Self-contained HTML reports: no network, no scripts (the evaluate report's filters are links to fragments of the
 * page itself, applied by CSS {@code :target}).
 */
final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BINS = 10;
    static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;"
            + "vertical-align:top}";

    private Reports() {}

    static String evaluationHtml(EvaluationResult result, double minScore, boolean batch) {
        List<String> inputs = new ArrayList<>(keys(result, Column.INPUT));
        List<String> expected = new ArrayList<>(keys(result, Column.EXPECTED));
        List<String> predicted = new ArrayList<>(keys(result, Column.PREDICTED));
        long imperfect = result.results().stream().filter(r -> r.error() != null || r.score().value() < 1).count();
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>Signet evaluation</title><style>" + STYLE
                + "td{white-space:pre-wrap;max-width:28em}th.in{background:#eef3fb}th.expected{background:#f4f4f4}"
                + "th.out{background:#f1f8f1}tr.pass td{background:#f3fbf6}tr.fail td{background:#fdd}"
                + "tr.error td{background:#fcc}.filter{display:none}nav a{margin-right:1.5em}"
                + "#imperfect:target~table tbody tr.pass,#errors:target~table tbody tr:not(.error){display:none}"
                + "</style></head><body>\n<h1>Signet evaluation</h1>\n");
        if (batch) {
            out.append("<p>Run by the provider's Batch API, at its price.</p>\n");
        }
        out.append(String.format(Locale.ROOT, "<p>Mean score <b>%.4f</b> over %d examples (minimum %.4f: %s), "
                + "%d errors, %d tokens, %d ms.</p>%n", result.meanScore(), result.total(), minScore,
                result.meanScore() >= minScore ? "passed" : "<b>failed</b>", result.errors(),
                result.usage().totalTokens(), result.wallTime().toMillis()));
        out.append("<h2>Score distribution</h2>\n").append(histogram(result)).append('\n');
        out.append("<h2>Examples</h2>\n<nav><a href=\"#all\">all (").append(result.total())
                .append(")</a><a href=\"#imperfect\">score below 1 or failed (").append(imperfect)
                .append(")</a><a href=\"#errors\">failed calls (").append(result.errors()).append(")</a></nav>\n")
                .append("<span id=\"all\" class=\"filter\"></span><span id=\"imperfect\" class=\"filter\"></span>"
                        + "<span id=\"errors\" class=\"filter\"></span>\n");
        out.append("<table><thead><tr><th>#</th>");
        inputs.forEach(name -> out.append("<th class=\"in\">").append(escape(name)).append("</th>"));
        expected.forEach(name -> out.append("<th class=\"expected\">").append(escape(name)).append(" (expected)</th>"));
        predicted.forEach(name -> out.append("<th class=\"out\">").append(escape(name)).append(" (predicted)</th>"));
        out.append("<th>score</th><th>detail</th></tr></thead>\n<tbody>\n");
        for (ExampleResult row : result.results()) {
            String kind = row.error() != null ? "error fail" : row.score().value() < 1 ? "fail" : "pass";
            out.append("<tr class=\"").append(kind).append("\"><td>").append(row.index()).append("</td>");
            inputs.forEach(name -> cell(out, row.example().inputs(), name));
            expected.forEach(name -> cell(out, row.example().outputs(), name));
            Map<String, Object> outputs = row.prediction() == null ? Map.of() : row.prediction().outputs().asMap();
            predicted.forEach(name -> cell(out, outputs, name));
            out.append(String.format(Locale.ROOT, "<td>%.3f</td><td>", row.score().value()))
                    .append(escape(row.error() != null ? row.error().getMessage()
                            : row.score().feedbackIfAny().orElse("")))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody></table>\n</body></html>\n").toString();
    }

    private enum Column { INPUT, EXPECTED, PREDICTED }

    /** The field names of a column group, in the order they first appear. */
    private static Set<String> keys(EvaluationResult result, Column column) {
        Set<String> names = new LinkedHashSet<>();
        for (ExampleResult row : result.results()) {
            switch (column) {
                case INPUT -> names.addAll(row.example().inputs().keySet());
                case EXPECTED -> names.addAll(row.example().outputs().keySet());
                case PREDICTED -> {
                    if (row.prediction() != null) {
                        names.addAll(row.prediction().outputs().asMap().keySet());
                    }
                }
            }
        }
        return names;
    }

    private static void cell(StringBuilder out, Map<String, Object> values, String name) {
        out.append("<td>").append(values.containsKey(name) ? escape(display(values.get(name))) : "").append("</td>");
    }

    /** A value as a reader wants it: text as it is, a record, list or map as JSON. */
    static String display(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return value.toString();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return value.toString();
        }
    }

    /** Bars of the examples by score, a tenth of the range each, and one of the failed calls. */
    private static String histogram(EvaluationResult result) {
        int[] counts = new int[BINS];
        int failed = 0;
        for (ExampleResult row : result.results()) {
            if (row.error() != null) {
                failed++;
            } else {
                counts[Math.min(BINS - 1, (int) Math.floor(row.score().value() * BINS))]++;
            }
        }
        int max = Math.max(1, failed);
        for (int count : counts) {
            max = Math.max(max, count);
        }
        int barWidth = 48;
        int height = 160;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"examples by score\">", (BINS + 1) * (barWidth
                + 8) + 16, height + 56));
        for (int i = 0; i <= BINS; i++) {
            int count = i < BINS ? counts[i] : failed;
            int h = (int) Math.round((double) count / max * height);
            int x = 8 + i * (barWidth + 8);
            String label = i < BINS ? String.format(Locale.ROOT, "%.1f–%s", i / (double) BINS,
                    i == BINS - 1 ? "1" : String.format(Locale.ROOT, "%.1f", (i + 1) / (double) BINS)) : "failed";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    + "fill=\"%s\"><title>%s: %d</title></rect>", x, 20 + height - h, barWidth, h,
                    i < BINS ? "#4477cc" : "#cc4444", label, count));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">"
                    + "%d</text><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    x + barWidth / 2, 20 + height - h - 3, count, x + barWidth / 2, height + 38, label));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A predictor's new prompt beside the previous one, as the messages they render, line by line: unchanged lines on
     * both sides, removed ones on the left only, added ones on the right only.
     *
     * @param previous the artifact before this run, or {@code null} when there was none
     * @param problem why the previous artifact could not be read, or {@code null}
     */
    static String promptDiff(String predictor, PromptArtifact previous, String problem, PromptArtifact next) {
        StringBuilder html = new StringBuilder("<h2>").append(escape(predictor)).append("</h2>\n<p>");
        if (previous == null) {
            html.append(problem != null ? "The previous artifact could not be read (" + escape(problem) + "): "
                    : "No previous artifact: ").append("the prompt as it ships.");
        } else {
            html.append("Instructions ").append(previous.instructions().equals(next.instructions()) ? "unchanged"
                    : "changed").append("; demos ").append(previous.demos().size()).append(" → ")
                    .append(next.demos().size()).append('.');
        }
        html.append("</p>\n<table class=\"diff\"><colgroup><col class=\"n\"><col><col class=\"n\"><col></colgroup>"
                + "<tr><th colspan=\"2\">previous</th><th colspan=\"2\">new</th></tr>\n");
        List<String> before = previous == null ? List.of() : lines(previous.template());
        List<String> after = lines(next.template());
        int[] number = {0, 0};
        for (LineDiff.Row row : LineDiff.rows(before, after)) {
            html.append("<tr class=\"").append(row.kind()).append("\">");
            side(html, row.left(), number, 0, row.kind() == LineDiff.Kind.SAME ? "" : "del");
            side(html, row.right(), number, 1, row.kind() == LineDiff.Kind.SAME ? "" : "ins");
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static void side(StringBuilder html, String line, int[] number, int index, String change) {
        if (line == null) {
            html.append("<td class=\"n\"></td><td class=\"gap\"></td>");
            return;
        }
        number[index]++;
        html.append("<td class=\"n\">").append(number[index]).append("</td><td class=\"").append(line.startsWith(
                "── ") ? "role " + change : change).append("\">").append(escape(line)).append("</td>");
    }

    /** The messages as lines, each message headed by its role. */
    private static List<String> lines(List<Message> messages) {
        List<String> lines = new ArrayList<>();
        for (Message message : messages) {
            lines.add("── " + message.role().wireName() + " ──");
            lines.addAll(List.of(message.content().split("\n", -1)));
        }
        return lines;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
