package com.example.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signet.Signet;
import dev.signet.artifact.PromptArtifact;
import dev.signet.lm.Message;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.RecordedRequest;
import dev.signet.testing.TaskSimulator;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The program as it ships: the predictor reads the prompt baked into the class path, and the request it sends
 * is, byte for byte, the last optimizer's artifact rendered with the call's input.
 */
class ShippedPromptTest {
    @Test
    void theRequestIsTheBakedArtifactRendered() throws Exception {
        PromptArtifact artifact;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/signet/prompts/com.example.lookup.Lookup.json")) {
            artifact = PromptArtifact.read(in, "the baked Lookup artifact");
        }
        String question = "What is the code of item 3 in section west?";
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(TaskSimulator.sections(5, 48));
                Signet signet = Signet.builder().languageModel(OpenAiLanguageModel.builder().apiKey("it")
                        .baseUrl(server.baseUrl()).build()).build()) {
            LookupPredictor.create(signet).answer(question);

            List<RecordedRequest.ChatMessage> sent = server.requests().get(0).messages();
            List<Message> expected = artifact.template();
            assertEquals(expected.size(), sent.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).role().wireName(), sent.get(i).role());
                assertEquals(expected.get(i).content().replace("{{question}}", question), sent.get(i).content(),
                        "message " + i);
            }
        }
    }
}
