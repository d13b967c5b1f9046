package dev.signet.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.core.ConfigurationException;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI SDK implementation against the loopback server: wire format, usage, retries, errors. */
class OpenAiLanguageModelTest {
    private static final String KEY = "sk-test-0123456789abcdef";

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey(KEY).baseUrl(server.baseUrl()).model("loopback-model").build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private static LmRequest request(LmOptions options) {
        return new LmRequest(List.of(Message.system("sys"), Message.user("hi"), Message.assistant("hello"),
                Message.user("again")), options);
    }

    @Test
    void sendsTheMessagesAndOptionsAndReadsTextUsageAndFinishReason() {
        server.enqueue(Reply.text("answer text").withUsage(11, 5).withModel("served-model"));

        Completion completion = lm.complete(request(new LmOptions(null, 0.25, 64, 7L))).join();

        assertThat(completion.text()).isEqualTo("answer text");
        assertThat(completion.model()).isEqualTo("served-model");
        assertThat(completion.usage().promptTokens()).isEqualTo(11);
        assertThat(completion.usage().completionTokens()).isEqualTo(5);
        assertThat(completion.usage().totalTokens()).isEqualTo(16);
        assertThat(completion.finishReason()).isEqualTo("stop");
        JsonNode body = server.lastRequest().json();
        assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(body.get("model").asText()).isEqualTo("loopback-model");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.25);
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("seed").asLong()).isEqualTo(7);
        assertThat(server.lastRequest().messages()).extracting(m -> m.role() + ":" + m.content())
                .containsExactly("system:sys", "user:hi", "assistant:hello", "user:again");
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void optionsCanNameAnotherModel() {
        server.enqueue(Reply.text("ok"));

        lm.complete(request(LmOptions.DEFAULTS.withModel("other"))).join();

        assertThat(server.lastRequest().model()).isEqualTo("other");
        assertThat(server.lastRequest().json().has("temperature")).isFalse();
    }

    @Test
    void rateLimitsAreRetriedPerTheSdkPolicyThenSurfaceAsATypedError() {
        Reply limited = Reply.error(429, "Rate limit reached").withHeader("retry-after-ms", "5");
        server.enqueue(limited, limited, limited);

        assertThatThrownBy(() -> lm.complete(request(LmOptions.DEFAULTS)).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.RATE_LIMIT);
                    assertThat(e.statusCode()).hasValue(429);
                    assertThat(e.getMessage()).contains("HTTP 429 after 3 attempt(s)").contains("Rate limit reached");
                });
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(server.requests()).extracting(r -> r.header("x-stainless-retry-count"))
                .containsExactly("0", "1", "2");
    }

    @Test
    void serverErrorsAreRetriedAndARecoveryReturnsTheAnswer() {
        server.enqueue(Reply.error(500, "boom").withHeader("retry-after-ms", "5"),
                Reply.error(503, "busy").withHeader("retry-after-ms", "5"),
                Reply.text("recovered"));

        assertThat(lm.complete(request(LmOptions.DEFAULTS)).join().text()).isEqualTo("recovered");
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void persistentServerErrorsSurfaceAsATypedError() {
        Reply failing = Reply.error(500, "internal failure").withHeader("retry-after-ms", "5");
        server.enqueue(failing, failing, failing);

        assertThatThrownBy(() -> lm.complete(request(LmOptions.DEFAULTS)).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.SERVER);
                    assertThat(e.statusCode()).hasValue(500);
                });
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void authenticationErrorsAreNotRetriedAndNeverShowTheKey() {
        server.enqueue(Reply.error(401, "Incorrect API key provided: " + KEY + ". Or sk-proj-abcdefgh1234."));

        assertThatThrownBy(() -> lm.complete(request(LmOptions.DEFAULTS)).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.AUTHENTICATION);
                    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("abcdefgh1234")
                            .contains("Incorrect API key provided");
                    assertThat(e.getCause()).isNull();
                });
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotAChatCompletionIsAnInvalidResponse() {
        server.enqueue(Reply.raw(200, "{\"unexpected\": true, \"choices\": \"nope\"}"));

        assertThatThrownBy(() -> lm.complete(request(LmOptions.DEFAULTS)).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.INVALID_RESPONSE));
    }

    @Test
    void anUnreachableEndpointIsAConnectionError() {
        int port = server.port();
        server.close();
        OpenAiLanguageModel down = OpenAiLanguageModel.builder().apiKey(KEY)
                .baseUrl("http://127.0.0.1:" + port + "/v1").maxRetries(0).timeout(Duration.ofSeconds(5)).build();
        try {
            assertThatThrownBy(() -> down.complete(request(LmOptions.DEFAULTS)).join())
                    .cause()
                    .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.CONNECTION);
                        // the socket's own error is kept: in the message and as the cause
                        assertThat(e).hasMessageContaining("ConnectException");
                        assertThat(java.util.stream.Stream.iterate((Throwable) e, t -> t != null, Throwable::getCause))
                                .anyMatch(t -> t instanceof java.net.ConnectException);
                    });
        } finally {
            down.close();
        }
    }

    @Test
    void fromEnvReadsTheThreeVariables() {
        OpenAiLanguageModel configured = OpenAiLanguageModel.fromEnv(Map.of(
                "OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(), "SIGNET_MODEL", "env-model"));
        try {
            server.enqueue(Reply.text("ok"));
            configured.complete(request(LmOptions.DEFAULTS)).join();
            assertThat(server.lastRequest().model()).isEqualTo("env-model");
            assertThat(configured.toString()).doesNotContain(KEY);
        } finally {
            configured.close();
        }
    }

    @Test
    void fromEnvDefaultsToOpenAiAndGpt4oMini() {
        OpenAiLanguageModel configured = OpenAiLanguageModel.fromEnv(Map.of("OPENAI_API_KEY", KEY));
        try {
            assertThat(configured.baseUrl()).isEqualTo("https://api.openai.com/v1");
            assertThat(configured.model()).isEqualTo("gpt-4o-mini");
        } finally {
            configured.close();
        }
    }

    @Test
    void aMissingKeySaysWhichVariableToSet() {
        assertThatThrownBy(() -> OpenAiLanguageModel.fromEnv(Map.of("OPENAI_BASE_URL", server.baseUrl())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("OPENAI_API_KEY is not set. Set it to your API key");
    }

    @Test
    void anInvalidBaseUrlSaysWhichVariableToFix() {
        assertThatThrownBy(() -> OpenAiLanguageModel.fromEnv(Map.of("OPENAI_API_KEY", KEY,
                "OPENAI_BASE_URL", "localhost:11434")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("OPENAI_BASE_URL is not an http(s) URL: 'localhost:11434'")
                .message().doesNotContain(KEY);
    }
}
