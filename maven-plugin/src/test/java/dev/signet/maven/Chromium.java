package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Headless Chromium for the report tests: Debian's {@code chromium}, which {@code .ci/run} installs, or
 * {@code -Dsignet.chromium=/path}. Screenshots are kept under {@code target/screenshots/}.
 */
final class Chromium {
    static final Path EXECUTABLE = Path.of(System.getProperty("signet.chromium", "/usr/bin/chromium"));

    private final Path work;

    Chromium(Path work) {
        this.work = work;
    }

    /** Whether Chromium is there; when not, says so on stderr, for the test to be skipped. */
    static boolean available(String what) {
        boolean there = Files.isExecutable(EXECUTABLE);
        if (!there) {
            System.err.println("SKIPPED: no Chromium at " + EXECUTABLE + " (apt-get install chromium, or "
                    + "-Dsignet.chromium=/path/to/chromium); " + what + " was not opened in a browser.");
        }
        return there;
    }

    /** The DOM of a page, after its layout. */
    String dom(String url) throws IOException, InterruptedException {
        return run(url, "--dump-dom");
    }

    /** A screenshot of a page's first {@code height} pixels, kept as {@code target/screenshots/<name>.png}. */
    BufferedImage screenshot(String url, String name, int width, int height) throws IOException, InterruptedException {
        Path file = Path.of("target", "screenshots", name + ".png").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        run(url, "--screenshot=" + file, "--window-size=" + width + "," + height);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("a PNG at " + file).isNotNull();
        return image;
    }

    /** The pixels of exactly this colour ({@code 0xrrggbb}). */
    static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    private String run(String url, String... action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + work.resolve("profile")));
        command.addAll(List.of(action));
        command.add(url);
        Path errors = work.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
        assertThat(process.exitValue()).as("Chromium's exit code; its errors: " + Files.readString(errors)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
