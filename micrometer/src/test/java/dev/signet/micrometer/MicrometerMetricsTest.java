package dev.signet.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.cache.Cache;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.LanguageModelException;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.routing.Fallback;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import dev.signet.usage.UsageMeter.Price;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters, read from a {@link SimpleMeterRegistry}, for calls through the real SDK to the loopback server. */
class MicrometerMetricsTest {
    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("sk-test-metrics-0123456789")
            .baseUrl(server.baseUrl()).model("gpt-4o-mini").maxRetries(0).build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private TypedPredictor<String> qa(Signet signet) {
        return TypedPredictor.create(signet, QA, o -> (String) o.get("answer"));
    }

    @Test
    void callsTokensCostAndLatencyPercentilesPerPredictorAndModel() {
        server.respondWith(request -> Reply.fields("answer", "Paris").withUsage(1_000, 100));
        MicrometerMetrics metrics = MicrometerMetrics.create(registry,
                Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60")));
        TypedPredictor<String> qa = qa(metrics.instrument(Signet.builder().languageModel(lm).build()));

        for (int i = 0; i < 5; i++) {
            qa.call(Map.of("question", "q" + i));
        }
        qa.callAsync(Map.of("question", "async")).join();

        Timer model = registry.get("gen_ai.client.operation.duration").tag("gen_ai.request.model", "gpt-4o-mini")
                .tag("gen_ai.provider.name", "openai").tag("signet.predictor", "com.example.QA")
                .tag("error.type", "none").timer();
        assertThat(model.count()).isEqualTo(6);
        assertThat(Arrays.stream(model.takeSnapshot().percentileValues()).map(ValueAtPercentile::percentile))
                .containsExactly(0.5, 0.95, 0.99);
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary()
                .totalAmount()).isEqualTo(6_000);
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary()
                .totalAmount()).isEqualTo(600);
        // 6 × (1,000 × 0.15 + 100 × 0.60) / 1e6
        assertThat(registry.get("signet.cost").tag("gen_ai.response.model", "gpt-4o-mini").counter().count())
                .isCloseTo(0.00126, org.assertj.core.data.Offset.offset(1e-9));
        Timer predictor = registry.get("signet.predictor.duration").tag("signet.predictor", "com.example.QA")
                .tag("outcome", "success").timer();
        assertThat(predictor.count()).isEqualTo(6);
        assertThat(registry.getMeters()).extracting(m -> m.getId().getTags().toString())
                .noneMatch(tags -> tags.contains("sk-test") || tags.contains("Paris") || tags.contains("q0"));
    }

    @Test
    void errorsCountByKindAndCacheHitsCostNoTokens() {
        server.enqueue(Reply.error(429, "slow down"), Reply.fields("answer", "Rome").withUsage(10, 2));
        MicrometerMetrics metrics = MicrometerMetrics.create(registry);
        TypedPredictor<String> qa = qa(metrics.instrument(Signet.builder().languageModel(lm)
                .interceptor(Cache.inMemory(10)).build()));

        assertThatThrownBy(() -> qa.call(Map.of("question", "q"))).isInstanceOf(LanguageModelException.class);
        qa.call(Map.of("question", "q"));
        qa.call(Map.of("question", "q")); // a hit

        assertThat(registry.get("signet.model.errors").tag("signet.error.kind", "RATE_LIMIT").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("error.type",
                LanguageModelException.class.getName()).timer().count()).isEqualTo(1);
        assertThat(registry.get("signet.cache.hits").counter().count()).isEqualTo(1);
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary().count())
                .isEqualTo(1); // the hit recorded no tokens
        assertThat(registry.get("signet.predictor.duration").tag("outcome", "error").timer().count()).isEqualTo(1);
        assertThat(registry.get("signet.predictor.duration").tag("outcome", "success").timer().count()).isEqualTo(2);
    }

    @Test
    void eachTryOfAFallbackIsAModelCallOfItsOwn() {
        try (LoopbackOpenAiServer backupServer = LoopbackOpenAiServer.start();
                OpenAiLanguageModel backup = OpenAiLanguageModel.builder().apiKey("test")
                        .baseUrl(backupServer.baseUrl()).model("backup-model").build()) {
            server.enqueue(Reply.error(503, "overloaded"));
            backupServer.enqueue(Reply.fields("answer", "Paris"));
            TypedPredictor<String> qa = qa(MicrometerMetrics.create(registry).instrument(Signet.builder()
                    .languageModel(lm).interceptor(Fallback.to(backup)).build()));

            assertThat(qa.call(Map.of("question", "q"))).isEqualTo("Paris");

            assertThat(registry.get("signet.model.errors").tag("gen_ai.request.model", "gpt-4o-mini")
                    .tag("signet.error.kind", "SERVER").counter().count()).isEqualTo(1);
            assertThat(registry.get("gen_ai.client.operation.duration").tag("gen_ai.request.model", "backup-model")
                    .tag("error.type", "none").timer().count()).isEqualTo(1);
            assertThat(registry.getMeters()).map(Meter::getId).map(Meter.Id::getName)
                    .contains("gen_ai.client.token.usage")
                    .doesNotContain("signet.cost"); // no price table: no cost meter
        }
    }
}
