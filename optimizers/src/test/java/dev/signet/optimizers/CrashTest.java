package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a JVM running a GEPA optimization at random points, ten times, then lets a last run finish: no
 * file is ever corrupt, no temporary file is left, the checkpoint never loses progress, the last run resumes rather
 * than starts over, and its artifact is the one an uninterrupted run writes.
 */
class CrashTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ARTIFACT = "com.example.Codes.json";

    @TempDir
    Path reference;

    @TempDir
    Path crashed;

    private static Process start(Path work) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"),
                CrashableRun.class.getName(), work.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("run.log").toFile()))
                .start();
    }

    private static long finish(Path work) throws Exception {
        Process run = start(work);
        assertThat(run.waitFor(180, TimeUnit.SECONDS)).as("the run ends").isTrue();
        String log = Files.readString(work.resolve("run.log"));
        assertThat(run.exitValue()).as(log).isZero();
        String calls = log.lines().filter(l -> l.startsWith("calls ")).reduce((a, b) -> b).orElseThrow();
        return Long.parseLong(calls.substring("calls ".length()).strip());
    }

    /**
     * Waits until the run has checkpointed a candidate (a checkpoint may first hold none); false if it ended first
     * (or after a minute without one).
     */
    private static boolean untilCheckpointed(Process run, Path work) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (progress(work) == 0 && System.nanoTime() < deadline) {
            if (run.waitFor(20, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return run.isAlive();
    }

    /** The candidates the checkpoint holds: the progress a rerun keeps. Fails if the file is not whole JSON. */
    private static int progress(Path work) throws IOException {
        Path checkpoint = work.resolve("checkpoint.json");
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        JsonNode state = MAPPER.readTree(Files.readString(checkpoint, StandardCharsets.UTF_8));
        assertThat(state).as("the checkpoint is whole JSON after a kill").isNotNull();
        return state.path("candidates").size();
    }

    /** How many runs have printed their last line, {@code calls <n>}, into the directory's log. */
    private static long finishedRuns(Path work) {
        return log(work).lines().filter(l -> l.startsWith("calls ")).count();
    }

    private static String log(Path work) {
        try {
            return Files.readString(work.resolve("run.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<Path> temporaryFiles(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** The artifact's prompt: what it makes the predictor send (its provenance records a time). */
    private static JsonNode prompt(Path work) throws IOException {
        JsonNode artifact = MAPPER.readTree(work.resolve(ARTIFACT).toFile());
        return MAPPER.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("instructions",
                artifact.get("instructions")).set("template", artifact.get("template"));
    }

    @Test
    void tenKillsLoseNothingAndTheLastRunWritesTheUninterruptedArtifact() throws Exception {
        long started = System.nanoTime();
        long uninterrupted = finish(reference);
        // a whole run's time on this machine, its JVM's start included: the kills land inside it
        int runMillis = (int) Math.max(1000, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        Random random = new Random(20261202);
        int lastProgress = 0;
        List<Integer> kills = new ArrayList<>();
        Path crashed = this.crashed;
        // A run may finish before any kill lands after its checkpoint holds a candidate (a fast moment of a busy
        // machine): then nothing was at stake, and the kills start over on a fresh directory, up to three times.
        for (int attempt = 1; attempt <= 3 && lastProgress == 0; attempt++) {
            crashed = Files.createDirectories(this.crashed.resolve("attempt-" + attempt));
            kills.clear();
            lastProgress = killTenTimes(crashed, random, runMillis, kills);
        }
        long resumed = finish(crashed);

        assertThat(kills).as("kills that interrupted the run").isNotEmpty();
        Path last = crashed;
        int kept = lastProgress;
        assertThat(kept).as(() -> "progress kept through the kills " + kills + "; the runs' output:\n" + log(last))
                .isPositive();
        assertThat(prompt(crashed)).as("the same artifact as an uninterrupted run").isEqualTo(prompt(reference));
        assertThat(temporaryFiles(crashed)).as("no temporary file left behind").isEmpty();
        assertThat(resumed).as("the last run resumed from the checkpoint").isLessThan(uninterrupted);
    }

    /**
     * Up to ten kills of runs in {@code crashed}, each checked to have lost no progress; stops when a run finishes
     * first.
     *
     * @return the progress the checkpoint holds after the last kill
     */
    private static int killTenTimes(Path crashed, Random random, int runMillis, List<Integer> kills)
            throws Exception {
        int lastProgress = 0;
        for (int k = 0; k < 10; k++) {
            int kill = k;
            Process run = start(crashed);
            if (k % 2 == 1 && !untilCheckpointed(run, crashed)) {
                break; // it finished before the kill: nothing left to interrupt
            }
            // every other kill at a random time from the start (the JVM's start, the first writes), the others at a
            // random time after a checkpoint holds a candidate, so that some kills lose progress to be kept however
            // fast or slow the machine is
            long wait = k % 2 == 0 ? runMillis / 10 + random.nextInt(runMillis * 6 / 10)
                    : random.nextInt(runMillis * 4 / 10);
            if (run.waitFor(wait, TimeUnit.MILLISECONDS)) {
                break; // it finished before the kill: nothing left to interrupt
            }
            run.destroyForcibly().waitFor();
            if (finishedRuns(crashed) > 0) {
                break; // killed after it had finished (while its JVM was exiting): nothing was interrupted
            }
            int progress = progress(crashed);
            assertThat(progress).as(() -> "progress after kill " + (kill + 1) + "; the runs' output:\n" + log(crashed))
                    .isGreaterThanOrEqualTo(lastProgress);
            lastProgress = progress;
            kills.add(progress);
            if (Files.exists(crashed.resolve(ARTIFACT))) {
                MAPPER.readTree(crashed.resolve(ARTIFACT).toFile()); // whole, if there
            }
        }
        return lastProgress;
    }
}
