package dev.signet.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.Signet;
import dev.signet.core.Image;
import dev.signet.images.DescribePredictor;
import dev.signet.images.SummarizePredictor;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link Image} input field, through the real SDK to the loopback server: the user message goes as content parts,
 * text around the image, as DSPy's {@code split_message_content_for_custom_types} sends it; on both APIs, blocking,
 * async and streamed.
 */
class ImageInputTest {
    private static final Image PHOTO = Image.fromUrl("https://example.com/cat.png");
    private static final Image INLINE = Image.fromBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start()
            .respondWith(request -> Reply.fields("answer", "a cat"));
    private final OpenAiLanguageModel chat = OpenAiLanguageModel.builder().apiKey("test").baseUrl(server.baseUrl())
            .model("gpt-4o-mini").build();
    private final OpenAiLanguageModel responses = OpenAiLanguageModel.builder().apiKey("test")
            .baseUrl(server.baseUrl()).model("gpt-4o-mini").api(OpenAiLanguageModel.Api.RESPONSES).build();

    @AfterEach
    void close() {
        chat.close();
        responses.close();
        server.close();
    }

    @Test
    void chatCompletionsSendsTheImageAsAnImageUrlPartBetweenTheTextParts() {
        DescribePredictor describe = DescribePredictor.create(Signet.builder().languageModel(chat).build());
        String user = describe.preview(PHOTO, "What animal is this?").get(1).content();

        assertThat(describe.answer(PHOTO, "What animal is this?")).isEqualTo("a cat");
        JsonNode content = server.lastRequest().json().path("messages").path(1).path("content");
        assertThat(content.isArray()).isTrue();
        assertThat(content).hasSize(3);
        assertThat(content.get(0).path("type").asText()).isEqualTo("text");
        assertThat(content.get(0).path("text").asText()).isEqualTo("[[ ## photo ## ]]\n");
        assertThat(content.get(1).path("type").asText()).isEqualTo("image_url");
        assertThat(content.get(1).path("image_url").path("url").asText()).isEqualTo(PHOTO.url());
        assertThat(content.get(2).path("text").asText())
                .isEqualTo(user.substring(user.indexOf(Image.END) + Image.END.length()))
                .startsWith("\n\n[[ ## question ## ]]\nWhat animal is this?\n\n");
        assertThat(server.lastRequest().json().path("messages").path(0).path("content").isTextual())
                .as("the system message stays a string").isTrue();

        assertThat(describe.answerAsync(INLINE, "And this?").join()).isEqualTo("a cat");
        assertThat(server.lastRequest().json().path("messages").path(1).path("content").path(1).path("image_url")
                .path("url").asText()).isEqualTo("data:image/png;base64,iVBORw==");
        assertThat(describe.answerStream(PHOTO, "Streamed?").forEach(event -> { }).join().output()).isEqualTo("a cat");
        assertThat(server.lastRequest().json().path("messages").path(1).path("content").path(1).path("type").asText())
                .isEqualTo("image_url");
    }

    @Test
    void theResponsesApiSendsTheImageAsAnInputImage() {
        DescribePredictor describe = DescribePredictor.create(Signet.builder().languageModel(responses).build());

        assertThat(describe.answer(PHOTO, "What animal is this?")).isEqualTo("a cat");
        JsonNode content = server.lastRequest().json().path("input").path(1).path("content");
        assertThat(content).hasSize(3);
        assertThat(content.get(0).path("type").asText()).isEqualTo("input_text");
        assertThat(content.get(0).path("text").asText()).isEqualTo("[[ ## photo ## ]]\n");
        assertThat(content.get(1).path("type").asText()).isEqualTo("input_image");
        assertThat(content.get(1).path("image_url").asText()).isEqualTo(PHOTO.url());
        assertThat(content.get(1).path("detail").asText()).isEqualTo("auto");
        assertThat(content.get(2).path("type").asText()).isEqualTo("input_text");
    }

    @Test
    void aCachedOrRecordedPromptHoldsTheImageAsTextSoTheSameImageHitsTheSameKey() {
        DescribePredictor describe = DescribePredictor.create(Signet.builder().languageModel(chat)
                .interceptor(dev.signet.cache.Cache.inMemory(16)).build());
        assertThat(describe.preview(PHOTO, "q").get(1).content()).contains(PHOTO.block());
        assertThat(describe.preview(PHOTO, "q")).isEqualTo(describe.preview(Image.fromUrl(PHOTO.url()), "q"));

        describe.answer(PHOTO, "q");
        describe.answer(Image.fromUrl(PHOTO.url()), "q"); // an equal image: the same key, a cache hit
        assertThat(server.requestCount()).isEqualTo(1);
        describe.answer(INLINE, "q"); // another image: another key
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void aFileGoesAsAFilePartOnChatCompletionsAndAnInputFileOnTheResponsesApi() {
        dev.signet.core.FileInput pdf = dev.signet.core.FileInput.fromBytes(new byte[] {'%', 'P', 'D', 'F'},
                "application/pdf", "brief.pdf");
        assertThat(SummarizePredictor.create(Signet.builder().languageModel(chat).build()).answer(pdf))
                .isEqualTo("a cat");
        JsonNode part = server.lastRequest().json().path("messages").path(1).path("content").path(1);
        assertThat(part.path("type").asText()).isEqualTo("file");
        assertThat(part.path("file").path("file_data").asText()).isEqualTo("data:application/pdf;base64,JVBERg==");
        assertThat(part.path("file").path("filename").asText()).isEqualTo("brief.pdf");

        SummarizePredictor.create(Signet.builder().languageModel(responses).build())
                .answer(dev.signet.core.FileInput.fromFileId("file-abc"));
        JsonNode input = server.lastRequest().json().path("input").path(1).path("content").path(1);
        assertThat(input.path("type").asText()).isEqualTo("input_file");
        assertThat(input.path("file_id").asText()).isEqualTo("file-abc");
    }
}
