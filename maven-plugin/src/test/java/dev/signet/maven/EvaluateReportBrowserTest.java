package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the evaluate report in headless Chromium ({@link Chromium}): a column per field, the score distribution
 * drawn, and the failures filter (the page's {@code #imperfect} fragment) hiding the examples that passed.
 * Screenshots: {@code target/screenshots/evaluate-report*.png}. Without Chromium the test is skipped, saying so.
 */
class EvaluateReportBrowserTest {
    private static final int PASS_ROW = 0xf3fbf6;
    private static final int FAIL_ROW = 0xffdddd;
    private static final int BAR = 0x4477cc;

    @TempDir
    Path work;

    @Test
    void fieldsAreColumnsTheScoresAHistogramAndTheFailuresFilterHidesThePasses() throws Exception {
        assumeTrue(Chromium.available("the evaluate report"), "no Chromium at " + Chromium.EXECUTABLE);
        Evaluation.Outcome outcome = EvaluationTest.evaluate(work, 12);
        String page = outcome.htmlReport().toUri().toString();
        Chromium chromium = new Chromium(work);

        String dom = chromium.dom(page);
        assertThat(dom).contains(">question</th>", ">answer (expected)</th>", ">answer (predicted)</th>",
                "aria-label=\"examples by score\"");

        BufferedImage all = chromium.screenshot(page, "evaluate-report", 1000, 1400);
        assertThat(Chromium.pixels(all, BAR)).as("the histogram's bars").isGreaterThan(48 * 40);
        assertThat(Chromium.pixels(all, PASS_ROW)).as("rows that passed").isPositive();
        assertThat(Chromium.pixels(all, FAIL_ROW)).as("rows that failed").isPositive();

        BufferedImage failures = chromium.screenshot(page + "#imperfect", "evaluate-report-failures", 1000, 1400);
        assertThat(Chromium.pixels(failures, PASS_ROW)).as("rows that passed, filtered out").isZero();
        assertThat(Chromium.pixels(failures, FAIL_ROW)).as("rows that failed, kept").isPositive();
    }
}
