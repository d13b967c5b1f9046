package dev.signet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's own contract, through a plain HTTP client. */
class LoopbackOpenAiServerTest {
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void bindsToLoopbackOnly() {
        assertThat(server.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");
    }

    @Test
    void queuedRepliesComeFirstInOrderThenTheResponder() throws Exception {
        server.enqueue(Reply.text("one"), Reply.text("two"));
        server.respondWith(request -> Reply.text("from responder to " + request.lastUserMessage()));

        assertThat(content(post("/v1/chat/completions", CHAT))).isEqualTo("one");
        assertThat(content(post("/v1/chat/completions", CHAT))).isEqualTo("two");
        assertThat(content(post("/v1/chat/completions", CHAT))).isEqualTo("from responder to hi");
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(server.lastRequest().model()).isEqualTo("m");
    }

    @Test
    void completionsHaveTheOpenAiShapeWithUsage() throws Exception {
        server.enqueue(Reply.fields("answer", "Paris").withUsage(3, 4).withFinishReason("length"));

        JsonNode body = json.readTree(post("/v1/chat/completions", CHAT).body());

        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("model").asText()).isEqualTo("m");
        assertThat(body.at("/choices/0/message/content").asText())
                .isEqualTo("[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void errorsCarryStatusHeadersAndAnOpenAiErrorBody() throws Exception {
        server.enqueue(Reply.error(429, "slow down").withHeader("Retry-After", "1"));

        HttpResponse<String> response = post("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("1");
        assertThat(json.readTree(response.body()).at("/error/message").asText()).isEqualTo("slow down");
    }

    @Test
    void latencyDelaysTheReply() throws Exception {
        server.enqueue(Reply.text("late").withLatency(Duration.ofMillis(150)));
        long start = System.nanoTime();

        post("/v1/chat/completions", CHAT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void unscriptedRequestsAndUnknownPathsGetClearErrors() throws Exception {
        HttpResponse<String> unscripted = post("/v1/chat/completions", CHAT);
        assertThat(unscripted.statusCode()).isEqualTo(500);
        assertThat(unscripted.body()).contains("no reply scripted");
        assertThat(unscripted.headers().firstValue("X-Should-Retry")).as("the SDK does not retry it").hasValue("false");

        HttpResponse<String> unknown = post("/v1/embeddings", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no such endpoint: POST /v1/embeddings", "it serves POST /v1/chat/completions");
    }

    @Test
    void keepsOnlyTheLatestRequestsButCountsThemAll() throws Exception {
        server.keepRequests(2).respondWith(request -> Reply.text("ok"));
        for (int i = 0; i < 5; i++) {
            post("/v1/chat/completions", CHAT.replace("hi", "message " + i));
        }

        assertThat(server.requestCount()).isEqualTo(5);
        assertThat(server.requests()).extracting(RecordedRequest::lastUserMessage)
                .containsExactly("message 3", "message 4");
        assertThat(server.lastRequest().lastUserMessage()).isEqualTo("message 4");
    }

    @Test
    void aFailingResponderAnswers500InsteadOfHanging() throws Exception {
        server.respondWith(request -> {
            throw new IllegalStateException("bug in test");
        });

        HttpResponse<String> response = post("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("bug in test");
    }

    private String content(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).at("/choices/0/message/content").asText();
    }
}
