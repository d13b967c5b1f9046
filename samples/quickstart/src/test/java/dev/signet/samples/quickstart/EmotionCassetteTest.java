package dev.signet.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.Signet;
import dev.signet.junit.Cassette;
import dev.signet.junit.CassetteLanguageModel;
import dev.signet.junit.MissingRecordingError;
import dev.signet.junit.SignetExtension;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Testing a predictor without a network, as a team would: record once, commit the cassette, replay offline.
 * {@code classifiesJoyFromTheCommittedCassette} replays {@code src/test/resources/signet-cassettes/}; re-record it
 * with {@code -Dsignet.record=true} and a real endpoint.
 */
@ExtendWith(SignetExtension.class)
class EmotionCassetteTest {
    @TempDir
    Path dir;

    @Test
    void classifiesJoyFromTheCommittedCassette(Signet signet) {
        Emotion.Verdict verdict = EmotionPredictor.create(signet).classify("What a wonderful day!");

        assertEquals(Emotion.Feeling.JOY, verdict.feeling());
        assertEquals(0.93, verdict.confidence());
    }

    @Test
    void recordsAgainstTheLoopbackServerThenReplaysWithNoServer() {
        Path file = dir.resolve("emotion.json");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
                OpenAiLanguageModel live = OpenAiLanguageModel.builder().apiKey("sample-key")
                        .baseUrl(server.baseUrl()).model("gpt-4o-mini").build()) {
            server.enqueue(Reply.fields("feeling", "JOY", "confidence", "0.93"));
            Cassette cassette = Cassette.empty(file);
            Signet recording = Signet.builder()
                    .languageModel(CassetteLanguageModel.recording(cassette, live)).build();
            assertEquals(Emotion.Feeling.JOY,
                    EmotionPredictor.create(recording).classify("What a wonderful day!").feeling());
            cassette.save();
        }

        Signet replaying = Signet.builder()
                .languageModel(CassetteLanguageModel.replaying(Cassette.load(file))).build();
        EmotionPredictor emotion = EmotionPredictor.create(replaying);
        assertEquals(Emotion.Feeling.JOY, emotion.classify("What a wonderful day!").feeling());
        MissingRecordingError missing = assertThrows(MissingRecordingError.class,
                () -> emotion.classify("What a dreadful day."));
        assertTrue(missing.getMessage().contains("- recorded: What a wonderful day!"), missing.getMessage());
        assertTrue(missing.getMessage().contains("+ asked:    What a dreadful day."), missing.getMessage());
    }
}
