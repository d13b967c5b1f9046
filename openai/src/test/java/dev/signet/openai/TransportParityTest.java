package dev.signet.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.openai.OpenAiLanguageModel.AsyncTransport;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The async path on either transport behaves as the SDK behaves: the same request on the wire, the same retries of
 * 429 (with {@code Retry-After}) and 5xx, no retry of 400 or of {@code X-Should-Retry: false}, the same timeout.
 */
class TransportParityTest {
    private static final String KEY = "sk-parity-0123456789abcdef";
    private static final LmRequest REQUEST = LmRequest.of(List.of(Message.system("sys"), Message.user("hi")));

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private OpenAiLanguageModel lm;

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private OpenAiLanguageModel model(AsyncTransport transport, int maxRetries, Duration timeout) {
        lm = OpenAiLanguageModel.builder().apiKey(KEY).baseUrl(server.baseUrl()).model("m").maxRetries(maxRetries)
                .timeout(timeout).asyncTransport(transport).build();
        return lm;
    }

    private static LanguageModelException failure(OpenAiLanguageModel lm) {
        try {
            lm.complete(REQUEST).join();
        } catch (CompletionException e) {
            return (LanguageModelException) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    @ParameterizedTest
    @EnumSource(AsyncTransport.class)
    void theRequestOnTheWireIsTheSdksAndRetriesHonourRetryAfter(AsyncTransport transport) {
        OpenAiLanguageModel lm = model(transport, 2, Duration.ofSeconds(10));
        server.enqueue(Reply.error(429, "slow down").withHeader("Retry-After", "0"), Reply.text("ok"));

        Completion completion = lm.complete(REQUEST).join();

        assertThat(completion.text()).isEqualTo("ok");
        assertThat(server.requestCount()).isEqualTo(2);
        var sent = server.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(sent.header("X-Stainless-Retry-Count")).isEqualTo("1");
        assertThat(sent.json().get("model").asText()).isEqualTo("m");
        assertThat(sent.messages()).extracting(m -> m.role() + ":" + m.content()).containsExactly("system:sys",
                "user:hi");
    }

    @ParameterizedTest
    @EnumSource(AsyncTransport.class)
    void serverErrorsAreRetriedAndClientErrorsAreNot(AsyncTransport transport) {
        OpenAiLanguageModel lm = model(transport, 2, Duration.ofSeconds(10));
        server.enqueue(Reply.error(500, "a"), Reply.error(503, "b"), Reply.error(502, "c"));
        LanguageModelException server5xx = failure(lm);
        assertThat(server5xx.kind()).isEqualTo(Kind.SERVER);
        assertThat(server5xx).hasMessageContaining("after 3 attempt(s)");
        assertThat(server.requestCount()).isEqualTo(3);

        server.enqueue(Reply.error(400, "bad"));
        assertThat(failure(lm).kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(server.requestCount()).isEqualTo(4);

        server.enqueue(Reply.error(500, "final").withHeader("X-Should-Retry", "false"));
        assertThat(failure(lm).kind()).isEqualTo(Kind.SERVER);
        assertThat(server.requestCount()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(AsyncTransport.class)
    void aSlowReplyTimesOutAndTheTimeoutIsRetried(AsyncTransport transport) {
        OpenAiLanguageModel lm = model(transport, 1, Duration.ofMillis(300));
        server.enqueue(Reply.text("late").withLatency(Duration.ofSeconds(2)),
                Reply.text("late").withLatency(Duration.ofSeconds(2)));

        LanguageModelException timeout = failure(lm);

        assertThat(timeout.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(timeout).hasMessageContaining("timeout");
        assertThat(server.requestCount()).isEqualTo(2);
    }
}
