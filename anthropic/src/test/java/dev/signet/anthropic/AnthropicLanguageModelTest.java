package dev.signet.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.Prediction;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.Tool;
import dev.signet.StreamEvent;
import dev.signet.TypedPredictor;
import dev.signet.core.ConfigurationException;
import dev.signet.core.FieldType;
import dev.signet.core.FileInput;
import dev.signet.core.Image;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.lm.Usage;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Claude through the real Anthropic SDK, against the loopback server speaking Anthropic's Messages API. */
class AnthropicLanguageModelTest {
    private static final String KEY = "sk-ant-test-0123456789abcdef";
    private static final SignatureDescription QA = SignatureDescription.builder("QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final AnthropicLanguageModel claude = AnthropicLanguageModel.builder().apiKey(KEY)
            .baseUrl(server.anthropicBaseUrl()).model("claude-test").maxRetries(1).build();

    @AfterEach
    void close() {
        claude.close();
        server.close();
    }

    private static TypedPredictor<String> qa(Signet signet) {
        return TypedPredictor.create(signet, QA, o -> (String) o.get("answer"));
    }

    @Test
    void sendsTheSystemPromptMessagesAndOptionsAndReadsTextUsageAndStopReason() {
        server.enqueue(Reply.text("answer text").withUsage(100, 7).withUsageDetails(40, 0).withModel("claude-x"));
        LmRequest request = new LmRequest(List.of(Message.system("be brief"), Message.user("hi"),
                Message.assistant("hello"), Message.user("again")), new LmOptions(null, 0.25, 64, 7L, "high"));

        Completion completion = claude.complete(request).join();

        assertThat(completion.text()).isEqualTo("answer text");
        assertThat(completion.model()).isEqualTo("claude-x");
        assertThat(completion.finishReason()).isEqualTo("stop");
        // Anthropic counts cached input apart from input_tokens: Signet's promptTokens hold both
        assertThat(completion.usage()).isEqualTo(new Usage(100, 7, 107, 40, 0));
        JsonNode body = server.lastRequest().json();
        assertThat(server.lastRequest().path()).isEqualTo("/v1/messages");
        assertThat(body.path("model").asText()).isEqualTo("claude-test");
        assertThat(body.path("system").asText()).isEqualTo("be brief");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.25);
        assertThat(body.has("seed")).isFalse();
        assertThat(server.lastRequest().messages()).extracting(m -> m.role() + ":" + m.content())
                .containsExactly("system:be brief", "user:hi", "assistant:hello", "user:again");
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY); // as this SDK sends it
        assertThat(server.lastRequest().header("anthropic-version")).isNotBlank();
    }

    @Test
    void aPredictorRunsOnClaudeBlockingAsyncAndWithTheDefaultMaxTokens() {
        server.respondWith(request -> Reply.fields("answer", "Paris").withUsage(30, 4));
        TypedPredictor<String> qa = qa(Signet.builder().languageModel(claude).build());

        Prediction<String> prediction = qa.predict(Map.of("question", "Capital of France?"));
        String async = qa.callAsync(Map.of("question", "Capital of France?")).join();

        assertThat(prediction.output()).isEqualTo("Paris");
        assertThat(async).isEqualTo("Paris");
        assertThat(prediction.usage().totalTokens()).isEqualTo(34);
        assertThat(server.lastRequest().json().path("max_tokens").asInt())
                .isEqualTo(AnthropicLanguageModel.DEFAULT_MAX_TOKENS);
        assertThat(server.lastRequest().messages().get(0).role()).isEqualTo("system");
        assertThat(server.lastRequest().lastUserMessage()).contains("Capital of France?");
    }

    @Test
    void errorsHaveSignetsKindsAndNeverTheKey() {
        server.enqueue(Reply.error(401, "invalid x-api-key " + KEY));
        assertThatThrownBy(() -> claude.completeBlocking(LmRequest.of(List.of(Message.user("q")))))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(e.getMessage()).doesNotContain(KEY).contains("HTTP 401");
                });

        Reply limited = Reply.error(429, "rate limited").withHeader("retry-after-ms", "20");
        server.enqueue(limited, limited);
        assertThatThrownBy(() -> claude.complete(LmRequest.of(List.of(Message.user("q")))).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMIT);
                    assertThat(e.retryAfter()).contains(Duration.ofMillis(20));
                    assertThat(e.getMessage()).contains("after 2 attempt(s)");
                });

        Reply overloaded = Reply.error(529, "Overloaded").withHeader("retry-after", "0");
        server.enqueue(overloaded, overloaded);
        assertThatThrownBy(() -> claude.completeBlocking(LmRequest.of(List.of(Message.user("q")))))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER));

        server.enqueue(Reply.error(400, "max_tokens: must be at most 8192"));
        assertThatThrownBy(() -> claude.completeBlocking(LmRequest.of(List.of(Message.user("q")))))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("max_tokens: must be at most 8192");
                });
        assertThat(server.requestCount()).isEqualTo(6);
    }

    @Test
    void aReplyCutAtMaxTokensIsTruncatedAndARefusalIsRefused() {
        TypedPredictor<String> qa = qa(Signet.builder().languageModel(claude).build());
        server.enqueue(Reply.text("[[ ## answer ## ]]\nA long answer that").withFinishReason("length"));
        assertThatThrownBy(() -> qa.call(Map.of("question", "q")))
                .isInstanceOfSatisfying(LanguageModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED));

        server.enqueue(Reply.text("I can't help with that.").withFinishReason("refusal"));
        assertThatThrownBy(() -> qa.call(Map.of("question", "q")))
                .isInstanceOfSatisfying(LanguageModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED));
        assertThat(server.requestCount()).isEqualTo(2); // neither retried through the JSON fallback
    }

    @Test
    void aPredictionStreamsFromClaudeFieldByField() {
        String reply = "[[ ## answer ## ]]\nParis, on the Seine, is the capital.\n\n[[ ## completed ## ]]";
        server.enqueue(Reply.text(reply).withUsage(50, 12).withUsageDetails(20, 0).streamed(3, Duration.ZERO));
        List<StreamEvent<Outputs>> events = new ArrayList<>();

        Prediction<Outputs> prediction = Predictor.of(Signet.builder().languageModel(claude).build(), QA)
                .stream(Map.of("question", "Capital of France?")).forEach(events::add).join();

        assertThat(server.lastRequest().json().path("stream").asBoolean()).isTrue();
        assertThat(prediction.outputs().get("answer")).isEqualTo("Paris, on the Seine, is the capital.");
        assertThat(prediction.usage()).isEqualTo(new Usage(50, 12, 62, 20, 0));
        assertThat(prediction.completion().text()).isEqualTo(reply);
        List<String> partials = events.stream().filter(e -> !e.fieldDone() && e.field().isPresent())
                .map(e -> (String) e.outputs().get("answer")).toList();
        assertThat(partials).hasSizeGreaterThan(5);
        for (int i = 1; i < partials.size(); i++) {
            assertThat(partials.get(i)).startsWith(partials.get(i - 1));
        }
    }

    @Test
    void aBrokenStreamFailsWithThePartialTextAndAnErrorEventIsAServerError() {
        String reply = "[[ ## answer ## ]]\nParis, on the Seine, is the capital.\n\n[[ ## completed ## ]]";
        server.enqueue(Reply.text(reply).streamed(5, Duration.ZERO).cutStreamAfter(4),
                Reply.text(reply).streamed(5, Duration.ZERO).failStreamAfter(4, "Overloaded"));
        Signet signet = Signet.builder().languageModel(claude).build();

        assertThatThrownBy(() -> Predictor.of(signet, QA).stream(Map.of("question", "q")).forEach(e -> { }).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
                    assertThat(e.partialText()).contains(reply.substring(0, 20));
                });
        assertThatThrownBy(() -> Predictor.of(signet, QA).stream(Map.of("question", "q")).forEach(e -> { }).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SERVER);
                    assertThat(e.getMessage()).contains("Overloaded");
                    assertThat(e.partialText()).contains(reply.substring(0, 20));
                });
    }

    @Test
    void theProviderIsConfiguredByTheEnvironment() {
        AnthropicProvider provider = new AnthropicProvider();
        assertThat(provider.name()).isEqualTo("anthropic");
        assertThat(provider.isConfigured(Map.of())).isFalse();
        assertThatThrownBy(() -> provider.fromEnv(Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ANTHROPIC_API_KEY");
        server.enqueue(Reply.text("ok"));

        try (AnthropicLanguageModel fromEnv = (AnthropicLanguageModel) provider.fromEnv(Map.of(
                "ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", server.anthropicBaseUrl(),
                "SIGNET_MODEL", "claude-haiku-4-5"))) {
            assertThat(fromEnv.complete(LmRequest.of(List.of(Message.user("q")))).join().text()).isEqualTo("ok");
            assertThat(server.lastRequest().model()).isEqualTo("claude-haiku-4-5");
            assertThat(fromEnv.id()).startsWith("anthropic:").doesNotContain(KEY);
        }
    }

    @Test
    void anImageInputGoesAsAnImageBlockFromItsUrlOrItsBytes() {
        server.respondWith(request -> Reply.fields("answer", "a cat"));
        SignatureDescription look = SignatureDescription.builder("Look")
                .input("photo", "the photo", FieldType.IMAGE).input("question", "", FieldType.STRING)
                .output("answer", "", FieldType.STRING).build();
        TypedPredictor<String> predictor = TypedPredictor.create(Signet.builder().languageModel(claude).build(), look,
                o -> (String) o.get("answer"));

        Image url = Image.fromUrl("https://example.com/cat.png");
        assertThat(predictor.call(Map.of("photo", url, "question", "What is it?"))).isEqualTo("a cat");
        JsonNode content = server.lastRequest().json().path("messages").path(0).path("content");
        assertThat(content).hasSize(3);
        assertThat(content.get(0).path("type").asText()).isEqualTo("text");
        assertThat(content.get(0).path("text").asText()).isEqualTo("[[ ## photo ## ]]\n");
        assertThat(content.get(1).path("type").asText()).isEqualTo("image");
        assertThat(content.get(1).path("source").path("type").asText()).isEqualTo("url");
        assertThat(content.get(1).path("source").path("url").asText()).isEqualTo(url.url());
        assertThat(content.get(2).path("text").asText()).startsWith("\n\n[[ ## question ## ]]\nWhat is it?");

        Image bytes = Image.fromBytes(new byte[] {1, 2, 3}, "image/png");
        predictor.call(Map.of("photo", bytes, "question", "And this?"));
        JsonNode source = server.lastRequest().json().path("messages").path(0).path("content").path(1).path("source");
        assertThat(source.path("type").asText()).isEqualTo("base64");
        assertThat(source.path("media_type").asText()).isEqualTo("image/png");
        assertThat(source.path("data").asText()).isEqualTo("AQID");
        assertThat(server.lastRequest().json().path("system").isTextual()).as("the system prompt stays text").isTrue();
    }

    @Test
    void aPdfFileGoesAsADocumentBlockAndAFileIdIsRefusedSayingWhy() {
        server.respondWith(request -> Reply.fields("answer", "a brief"));
        SignatureDescription summarize = SignatureDescription.builder("Summarize")
                .input("brief", "", FieldType.FILE).output("answer", "", FieldType.STRING).build();
        TypedPredictor<String> predictor = TypedPredictor.create(Signet.builder().languageModel(claude).build(),
                summarize, o -> (String) o.get("answer"));

        predictor.call(Map.of("brief", FileInput.fromBytes(new byte[] {'%', 'P', 'D', 'F'}, "application/pdf",
                "brief.pdf")));
        JsonNode document = server.lastRequest().json().path("messages").path(0).path("content").path(1);
        assertThat(document.path("type").asText()).isEqualTo("document");
        assertThat(document.path("source").path("type").asText()).isEqualTo("base64");
        assertThat(document.path("source").path("media_type").asText()).isEqualTo("application/pdf");
        assertThat(document.path("source").path("data").asText()).isEqualTo("JVBERg==");
        assertThat(document.path("title").asText()).isEqualTo("brief.pdf");

        int seen = server.requestCount();
        assertThatThrownBy(() -> predictor.call(Map.of("brief", FileInput.fromFileId("file-abc"))))
                .isInstanceOf(LanguageModelException.class).hasMessageContaining("PDF document");
        assertThat(server.requestCount()).isEqualTo(seen);
    }

    record CityArgs(String city) {}

    @Test
    void nativeToolCallingGoesAsToolsToolUseAndToolResultBlocks() {
        Tool weather = Tool.of("weather", "Today's weather in a city.", FieldType.recordOf(CityArgs.class,
                List.of(new FieldType.Component("city", "the city", FieldType.STRING)),
                v -> new CityArgs((String) v.get(0)), a -> List.of(a.city())),
                (CityArgs a) -> a.city().equals("Paris") ? "sunny" : "rain");
        server.enqueue(Reply.toolCalls("weather", "{\"city\": \"Paris\"}", "weather", "{\"city\": \"Oslo\"}"),
                Reply.fields("answer", "Paris is sunny, Oslo rainy"));
        Prediction<Outputs> prediction = Predictor.of(Signet.builder().languageModel(claude).build(), QA,
                dev.signet.Module.reactNative(3, weather)).predict(Map.of("question", "Weather in Paris and Oslo?"));

        assertThat(prediction.outputs().get("answer")).isEqualTo("Paris is sunny, Oslo rainy");
        assertThat(prediction.trajectory()).extracting(dev.signet.ToolStep::observation).containsExactly("sunny", "rain");
        JsonNode first = server.requests().get(0).json();
        assertThat(first.path("tools").path(0).path("name").asText()).isEqualTo("weather");
        assertThat(first.path("tools").path(0).path("input_schema").path("type").asText()).isEqualTo("object");
        assertThat(first.path("tools").path(0).path("input_schema").path("properties").path("city").path("description")
                .asText()).isEqualTo("the city");
        assertThat(first.path("tools").path(0).path("input_schema").path("required").path(0).asText()).isEqualTo("city");

        JsonNode messages = server.lastRequest().json().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode uses = messages.path(1).path("content");
        assertThat(messages.path(1).path("role").asText()).isEqualTo("assistant");
        assertThat(uses.path(0).path("type").asText()).isEqualTo("tool_use");
        assertThat(uses.path(0).path("input").path("city").asText()).isEqualTo("Paris");
        assertThat(uses.path(1).path("input").path("city").asText()).isEqualTo("Oslo");
        JsonNode results = messages.path(2).path("content");
        assertThat(messages.path(2).path("role").asText()).isEqualTo("user");
        assertThat(results).hasSize(2);
        assertThat(results.path(0).path("type").asText()).isEqualTo("tool_result");
        assertThat(results.path(0).path("tool_use_id").asText()).isEqualTo(uses.path(0).path("id").asText());
        assertThat(results.path(0).path("content").asText()).isEqualTo("sunny");
        assertThat(results.path(1).path("content").asText()).isEqualTo("rain");
    }
}
