package dev.signet.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.Signet;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension in record mode: each test's calls go to the live model and its cassette is written after it. */
class SignetExtensionRecordTest {
    private static final Path CASSETTES = Path.of("target", "recorded-cassettes");
    private static final LoopbackOpenAiServer SERVER = LoopbackOpenAiServer.start()
            .respondWith(request -> Reply.fields("answer", "Paris"));

    @RegisterExtension
    static final SignetExtension SIGNET = new SignetExtension().cassettes(CASSETTES).recording(true)
            .liveModel(() -> OpenAiLanguageModel.builder().apiKey("sk-test-record-0123456789")
                    .baseUrl(SERVER.baseUrl()).model("gpt-4o-mini").build());

    @Test
    void recordsTheCallsOfTheTest(Signet signet) {
        assertThat(CassetteTest.qa(signet).call(Map.of("question", "Capital of France?"))).isEqualTo("Paris");
    }

    @AfterAll
    static void theCassetteWasWrittenWithoutTheKey() throws Exception {
        try {
            Path file = CASSETTES.resolve("SignetExtensionRecordTest").resolve("recordsTheCallsOfTheTest.json");
            assertThat(Cassette.load(file).size()).isEqualTo(1);
            assertThat(Files.readString(file)).doesNotContain("sk-test-record");
            assertThat(SERVER.requestCount()).isEqualTo(1);
        } finally {
            SERVER.close();
        }
    }
}
