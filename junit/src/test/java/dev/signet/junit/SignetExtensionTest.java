package dev.signet.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.Signet;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension as a user adds it: replaying the cassettes committed under src/test/resources/signet-cassettes. */
@ExtendWith(SignetExtension.class)
class SignetExtensionTest {
    @Test
    void replaysTheCommittedCassette(Signet signet) {
        assertThat(CassetteTest.qa(signet).call(Map.of("question", "Capital of France?"))).isEqualTo("Paris");
    }

    @Test
    @UseCassette("shared/capital-of-france.json")
    void aCassetteCanBeNamed(Signet signet) {
        assertThat(CassetteTest.qa(signet).call(Map.of("question", "Capital of France?"))).isEqualTo("Paris");
    }

    @Test
    void aStartedLoopbackServerForScriptedReplies(LoopbackOpenAiServer server) {
        server.enqueue(Reply.fields("answer", "Rome"));
        assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(server.requestCount()).isZero();
    }
}
