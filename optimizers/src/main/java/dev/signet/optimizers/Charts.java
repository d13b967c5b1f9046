package dev.signet.optimizers;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts for the optimizers' report sections: no scripts, no network. */
final class Charts {
    static final String WINNER = "#2a7";
    static final String OTHER = "#79b";
    static final String BASELINE = "#c33";

    /** A series of points: as a step line, as dots, or both. */
    record Series(String name, String colour, List<double[]> points, boolean line, boolean dots, boolean hollow) {}

    private Charts() {}

    /** Text made safe for HTML. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Horizontal bars, one a label, scores in [0, 1]; the highlighted bar in the winner's colour. */
    static String bars(List<String> labels, List<Double> values, int highlight, double baseline) {
        int width = 640;
        int barHeight = 22;
        int height = labels.size() * (barHeight + 6) + 30;
        int labelWidth = 260;
        double scale = width - labelWidth - 60;
        StringBuilder svg = new StringBuilder(open(width, height, "candidate scores"));
        int y = 10;
        for (int i = 0; i < labels.size(); i++) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
                            + "height=\"%d\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.3f</text>",
                    y + 15, Charts.escape(labels.get(i)), labelWidth, y, values.get(i) * scale, barHeight,
                    i == highlight ? WINNER : OTHER, labelWidth + values.get(i) * scale + 4, y + 15, values.get(i)));
            y += barHeight + 6;
        }
        double x = labelWidth + baseline * scale;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"%s\">baseline</text>",
                x, x, height - 14, BASELINE, x + 3, height - 2, BASELINE));
        return svg.append("</svg>").toString();
    }

    /** Scores in [0, 1] against {@code x} from 0 to {@code xMax}, with a dashed baseline and a legend. */
    static String plot(String xLabel, double xMax, List<Series> series, double baseline) {
        int width = 680;
        int height = 320;
        int left = 50;
        int right = 20;
        int top = 20;
        int bottom = 60;
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        double span = Math.max(xMax, 1);
        StringBuilder svg = new StringBuilder(open(width, height, "scores over " + xLabel));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
                + "stroke=\"#999\"/>", left, top, plotWidth, plotHeight));
        for (int tick = 0; tick <= 4; tick++) {
            double y = top + plotHeight * (1 - tick / 4.0);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">"
                    + "%.2f</text><line x1=\"%d\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eee\"/>", left - 4,
                    y + 4, tick / 4.0, left, y, left + plotWidth, y));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">0</text><text x=\"%.0f\" "
                + "y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text><text x=\"%.0f\" y=\"%d\" font-size=\"12\" "
                + "text-anchor=\"middle\">%s</text>", left, top + (int) plotHeight + 14, left + plotWidth,
                top + (int) plotHeight + 14, format(xMax), left + plotWidth / 2, top + (int) plotHeight + 30,
                Charts.escape(xLabel)));
        double baseY = top + plotHeight * (1 - baseline);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-dasharray=\"4 3\"/>", left, baseY, left + plotWidth, baseY, BASELINE));
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            for (double[] point : s.points()) {
                double x = left + plotWidth * point[0] / span;
                double y = top + plotHeight * (1 - point[1]);
                if (s.line()) {
                    path.append(path.length() == 0 ? String.format(Locale.ROOT, "M%.1f %.1f", x, y)
                            : String.format(Locale.ROOT, " H%.1f V%.1f", x, y));
                }
                if (s.dots()) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" "
                            + "stroke=\"%s\"/>", x, y, s.hollow() ? "white" : s.colour(), s.colour()));
                }
            }
            if (s.line() && path.length() > 0) {
                path.append(String.format(Locale.ROOT, " H%.1f", left + plotWidth));
                svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(s.colour())
                        .append("\" stroke-width=\"2\"/>");
            }
        }
        int legendX = left;
        int legendY = height - 10;
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", legendX, legendY - 10, s.colour(),
                    legendX + 16, legendY, Charts.escape(s.name())));
            legendX += 30 + 7 * s.name().length();
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">baseline</text>", legendX,
                legendY - 4, legendX + 14, legendY - 4, BASELINE, legendX + 18, legendY));
        return svg.append("</svg>").toString();
    }

    private static String open(int width, int height, String label) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" role=\"img\" aria-label=\"" + Charts.escape(label) + "\">";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
