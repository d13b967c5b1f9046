package dev.signet.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, its model the loopback server through the real OpenAI SDK: a ticket
 * posted over HTTP is routed by the generated predictor the starter made a bean, the health endpoint shows the
 * {@code signet} component, and the metrics endpoint the predictor's timer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportApplicationTest {
    private static final LoopbackOpenAiServer MODEL = LoopbackOpenAiServer.start().respondWith(request ->
            request.lastUserMessage().contains("charged twice")
                    ? Reply.fields("team", "BILLING", "urgent", "false")
                    : Reply.fields("team", "BUGS", "urgent", "true"));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry properties) {
        properties.add("signet.openai.base-url", MODEL::baseUrl);
        properties.add("signet.openai.api-key", () -> "sk-sample-not-a-real-key");
    }

    @AfterAll
    static void stop() {
        MODEL.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPostedTicketIsRoutedByThePredictorAndTheHealthShowsSignet() throws Exception {
        HttpResponse<String> billing = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/triage"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("I was charged twice this month.")));
        assertThat(billing.statusCode()).isEqualTo(200);
        assertThat(billing.body()).isEqualTo("{\"team\":\"BILLING\",\"urgent\":false}");

        HttpResponse<String> crash = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/triage"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("The app crashes on login, I can't work.")));
        assertThat(crash.body()).isEqualTo("{\"team\":\"BUGS\",\"urgent\":true}");
        assertThat(MODEL.lastRequest().lastUserMessage()).contains("The app crashes on login");
        assertThat(MODEL.lastRequest().header("Authorization")).isEqualTo("Bearer sk-sample-not-a-real-key");

        HttpResponse<String> health = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")));
        JsonNode signet = new ObjectMapper().readTree(health.body()).path("components").path("signet");
        assertThat(signet.path("status").asText()).isEqualTo("UP");
        assertThat(signet.path("details").path("succeeded").asInt()).isEqualTo(2);
        assertThat(signet.path("details").path("model").asText()).isEqualTo("openai:" + MODEL.baseUrl() + "#gpt-4o-mini");
        assertThat(health.body()).doesNotContain("sk-sample");

        HttpResponse<String> meter = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/metrics/signet.predictor.duration?tag=signet.predictor:dev.signet.samples.spring.Triage")));
        assertThat(meter.statusCode()).isEqualTo(200);
        JsonNode count = new ObjectMapper().readTree(meter.body()).path("measurements").path(0);
        assertThat(count.path("statistic").asText()).isEqualTo("COUNT");
        assertThat(count.path("value").asDouble()).isEqualTo(2.0);
    }
}
