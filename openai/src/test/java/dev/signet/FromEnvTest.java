package dev.signet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With signet-openai on the class path, {@code Signet.fromEnv()} finds its provider and calls the configured server. */
class FromEnvTest {
    @Test
    void theOpenAiProviderIsFoundThroughTheServiceLoaderAndConfiguredByTheEnvironment() {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(r -> Reply.fields("answer", "4"));
                Signet signet = Signet.fromEnv(Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL",
                        server.baseUrl(), "SIGNET_MODEL", "env-model"))) {
            assertThat(signet.languageModel()).isInstanceOf(OpenAiLanguageModel.class);
            SignatureDescription sum = SignatureDescription.builder("com.example.Sum")
                    .input("question", "", FieldType.STRING).output("answer", "", FieldType.INT).build();

            assertThat(Predictor.of(signet, sum).call(Map.of("question", "2 + 2?")).get("answer")).isEqualTo(4);
            assertThat(server.lastRequest().model()).isEqualTo("env-model");
            assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer sk-test");
        }
    }
}
