package dev.signet.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/** Keeps the README's sample command true: without OPENAI_API_KEY it runs on the bundled simulator. */
class QuickstartTest {
    @Test
    @DisabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+",
            disabledReason = "the sample would call the configured endpoint")
    void runsAgainstTheLoopbackServerWhenNoEndpointIsConfigured() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("OPENAI_API_KEY is not set, so this sample talks to Signet's bundled simulator"),
                output);
        assertTrue(output.contains("A: Frank Herbert"), output);
        assertTrue(output.contains("Feeling:  JOY (confidence 0.93)"), output);
        // signet:bake put src/main/signet/...ItemCode.json on the class path; its demos reached the simulator
        JsonNode demos = bakedItemCodeArtifact().get("demos");
        assertTrue(output.contains("Optimized prompt (baked from src/main/signet/ into META-INF/signet/prompts/): "
                + demos.size() + " demos"), output);
        assertTrue(output.contains("The simulator saw " + demos.size() + " demos in that request; the first asked: "
                + demos.get(0).get("question").asText()), output);
    }

    private static JsonNode bakedItemCodeArtifact() throws IOException {
        try (InputStream in = QuickstartTest.class.getResourceAsStream(
                "/META-INF/signet/prompts/dev.signet.samples.quickstart.ItemCode.json")) {
            assertNotNull(in, "signet:bake did not put the ItemCode artifact on the class path");
            return new ObjectMapper().readTree(in);
        }
    }
}
