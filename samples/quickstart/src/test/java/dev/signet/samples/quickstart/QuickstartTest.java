package dev.signet.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/** Keeps the README's sample command true: without OPENAI_API_KEY it runs on the loopback server. */
class QuickstartTest {
    @Test
    @DisabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+",
            disabledReason = "the sample would call the configured endpoint")
    void runsAgainstTheLoopbackServerWhenNoEndpointIsConfigured() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("OPENAI_API_KEY is not set, so this sample talks to Signet's bundled loopback"),
                output);
        assertTrue(output.contains("A: Frank Herbert"), output);
        assertTrue(output.contains("Feeling:  JOY (confidence 0.93)"), output);
    }
}
