package dev.signet.maven;

import dev.signet.eval.EvaluationResult;
import dev.signet.eval.ExampleResult;
import java.util.Locale;

/** Self-contained HTML reports: no network, no scripts. */
final class Reports {
    private Reports() {}

    static String evaluationHtml(EvaluationResult result, double minScore) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>Signet evaluation</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                + ".bad{background:#fdd}</style></head><body>\n<h1>Signet evaluation</h1>\n");
        out.append(String.format(Locale.ROOT, "<p>Mean score <b>%.4f</b> over %d examples (minimum %.4f), %d errors, "
                + "%d tokens, %d ms.</p>%n", result.meanScore(), result.total(), minScore, result.errors(),
                result.usage().totalTokens(), result.wallTime().toMillis()));
        out.append("<table><tr><th>#</th><th>inputs</th><th>expected</th><th>outputs</th><th>score</th>"
                + "<th>detail</th></tr>\n");
        for (ExampleResult row : result.results()) {
            out.append("<tr").append(row.score().value() < 1 ? " class=\"bad\"" : "").append("><td>").append(row.index())
                    .append("</td><td>").append(escape(row.example().inputs().toString()))
                    .append("</td><td>").append(escape(row.example().outputs().toString()))
                    .append("</td><td>").append(row.prediction() == null ? "" : escape(row.prediction().outputs().toString()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", row.score().value()))
                    .append("</td><td>").append(escape(row.error() != null ? row.error().getMessage()
                            : row.score().feedbackIfAny().orElse("")))
                    .append("</td></tr>\n");
        }
        return out.append("</table>\n</body></html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
