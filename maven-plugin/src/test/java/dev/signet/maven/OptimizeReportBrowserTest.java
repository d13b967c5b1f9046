package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.Module;
import dev.signet.artifact.PromptArtifact;
import dev.signet.eval.Metrics;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the optimize report in headless Chromium ({@link Chromium}) and checks what a reader sees: the chart (the
 * winner's bar on screen in its colour) and the new prompt beside the previous one, as messages, its added lines
 * green. Screenshots: {@code target/screenshots/optimize-report*.png}. Without Chromium the tests are skipped, saying
 * so.
 */
class OptimizeReportBrowserTest {
    private static final int WINNER_COLOUR = 0x22aa77; // #2a7 in the report
    private static final int ADDED_LINE = 0xddffdd;

    @TempDir
    Path work;

    private Optimization.Outcome optimize(TaskSimulator task, LoopbackOpenAiServer server, Path reports, String demos)
            throws Exception {
        return Optimization.run(new OptimizationTest.SimulatedProject(task, server.baseUrl(), Module.predict(),
                Metrics.exactMatch("answer"), 1, null), new Optimization.Request(work.resolve("prompts"), reports,
                "randomSearch", Map.of("candidates", "1", "maxLabeledDemos", demos, "maxBootstrappedDemos", demos), 0),
                line -> { });
    }

    private int demos() {
        return PromptArtifact.read(work.resolve("prompts").resolve("com.example.baked.Codes.json")).demos().size();
    }

    @Test
    void theReportShowsTheChartAndTheNewPromptBesideThePrevious() throws Exception {
        assumeTrue(Chromium.available("the optimize report"), "no Chromium at " + Chromium.EXECUTABLE);
        TaskSimulator task = TaskSimulator.codes(3, 40);
        Path reports = work.resolve("reports");
        double best;
        int before;
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(task)) {
            optimize(task, server, reports, "1");
            before = demos();
            best = optimize(task, server, reports, "4").run().bestScore();
        }
        int after = demos();
        String page = reports.resolve("optimize-report.html").toUri().toString();
        Chromium chromium = new Chromium(work);

        String dom = chromium.dom(page);
        assertThat(dom).contains("<svg").containsPattern("Winner: candidate \\d, 0\\.\\d{4}\\.").contains("LM calls used: ")
                .contains("The prompts, as the messages they render", "── system ──", "demos " + before + " → " + after + ".");
        assertThat(after).as("the second run, with more demos allowed, ships more").isGreaterThan(before);

        BufferedImage top = chromium.screenshot(page, "optimize-report", 900, 700);
        // the winner's bar: 22 px high, its score of the 320 px scale wide
        assertThat(Chromium.pixels(top, WINNER_COLOUR)).as("pixels of the winner's bar")
                .isGreaterThan((int) (22 * 320 * best * 0.9));
        BufferedImage whole = chromium.screenshot(page, "optimize-report-diff", 1200, 5000);
        // three more demos: each a user and an assistant message of several lines, added on the right
        assertThat(Chromium.pixels(whole, ADDED_LINE)).as("pixels of added lines").isGreaterThan(20 * 400);
    }

    @Test
    void theGepaReportShowsTheFrontierOverMetricCallsAndTheLineage() throws Exception {
        assumeTrue(Chromium.available("the GEPA report"), "no Chromium at " + Chromium.EXECUTABLE);
        TaskSimulator sections = TaskSimulator.sections(5, 48);
        Path reports = work.resolve("reports");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(sections)) {
            Optimization.run(OptimizationTest.sections(sections, server.baseUrl()), new Optimization.Request(
                    work.resolve("prompts"), reports, "gepa", Map.of("maxMetricCalls", "300", "seed", "1"), 0),
                    line -> { });
        }
        String page = reports.resolve("optimize-report.html").toUri().toString();
        Chromium chromium = new Chromium(work);
        assertThat(chromium.dom(page)).contains("The Pareto frontier's growth over metric calls", "The winner's lineage",
                "reflection on com.example.baked.Codes", sections.rules().get(3));

        BufferedImage image = chromium.screenshot(page, "optimize-report-gepa", 900, 900);
        // the frontier's step line, 2 px wide across the 610 px plot, and its legend square
        assertThat(Chromium.pixels(image, WINNER_COLOUR)).as("pixels of the frontier line").isGreaterThan(600);
    }
}
