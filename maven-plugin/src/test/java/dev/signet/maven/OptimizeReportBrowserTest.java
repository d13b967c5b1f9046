package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.Module;
import dev.signet.eval.Metrics;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the optimize report in headless Chromium (Debian's {@code chromium}, which {@code .ci/run} installs;
 * {@code -Dsignet.chromium=/path} for another) and checks that the chart is drawn: the winner's bar is on screen
 * in its colour. The screenshot is kept as {@code target/screenshots/optimize-report.png}. Without Chromium the
 * test is skipped, saying so.
 */
class OptimizeReportBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("signet.chromium", "/usr/bin/chromium"));
    private static final int WINNER_COLOUR = 0x22aa77; // #2a7 in the report

    @TempDir
    Path work;

    @Test
    void theReportOpensInHeadlessChromiumAndShowsTheChart() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.err.println("SKIPPED: no Chromium at " + CHROMIUM + " (apt-get install chromium, or "
                    + "-Dsignet.chromium=/path/to/chromium); the optimize report was not opened in a browser.");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);

        TaskSimulator task = TaskSimulator.codes(3, 40);
        Path reports = work.resolve("reports");
        double best;
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(task)) {
            best = Optimization.run(new OptimizationTest.SimulatedProject(task, server.baseUrl(), Module.predict(),
                    Metrics.exactMatch("answer"), 1, null), new Optimization.Request(work.resolve("prompts"),
                    reports, "randomSearch", Map.of("candidates", "1", "maxLabeledDemos", "4"), 0), line -> { }).run().bestScore();
        }
        Path page = reports.resolve("optimize-report.html");

        String dom = chromium(page, "--dump-dom");
        assertThat(dom).contains("<svg").containsPattern("Winner: candidate \\d, 0\\.\\d{4}\\.").contains("LM calls used: ");

        Path screenshot = Path.of("target", "screenshots", "optimize-report.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        chromium(page, "--screenshot=" + screenshot, "--window-size=900,700");
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image).as("a PNG at " + screenshot).isNotNull();
        int winnerPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == WINNER_COLOUR) {
                    winnerPixels++;
                }
            }
        }
        // the winner's bar: 22 px high, its score of the 320 px scale wide
        assertThat(winnerPixels).as("pixels of the winner's bar in " + screenshot)
                .isGreaterThan((int) (22 * 320 * best * 0.9));
    }

    @Test
    void theGepaReportShowsTheFrontierOverMetricCallsAndTheLineage() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.err.println("SKIPPED: no Chromium at " + CHROMIUM + "; the GEPA report was not opened in a browser.");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
        TaskSimulator sections = TaskSimulator.sections(5, 48);
        Path reports = work.resolve("reports");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(sections)) {
            Optimization.run(OptimizationTest.sections(sections, server.baseUrl()), new Optimization.Request(
                    work.resolve("prompts"), reports, "gepa", Map.of("maxMetricCalls", "300", "seed", "1"), 0),
                    line -> { });
        }
        Path page = reports.resolve("optimize-report.html");
        String dom = chromium(page, "--dump-dom");
        assertThat(dom).contains("The Pareto frontier's growth over metric calls", "The winner's lineage",
                "reflection on com.example.baked.Codes", sections.rules().get(3));

        Path screenshot = Path.of("target", "screenshots", "optimize-report-gepa.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        chromium(page, "--screenshot=" + screenshot, "--window-size=900,900");
        BufferedImage image = ImageIO.read(screenshot.toFile());
        int frontierPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == WINNER_COLOUR) {
                    frontierPixels++;
                }
            }
        }
        // the frontier's step line, 2 px wide across the 610 px plot, and its legend square
        assertThat(frontierPixels).as("pixels of the frontier line in " + screenshot).isGreaterThan(600);
    }

    private String chromium(Path page, String... action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + work.resolve("profile")));
        command.addAll(List.of(action));
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectError(work.resolve("chromium.err").toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
        assertThat(process.exitValue()).as("Chromium's exit code; its errors: "
                + Files.readString(work.resolve("chromium.err"))).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
