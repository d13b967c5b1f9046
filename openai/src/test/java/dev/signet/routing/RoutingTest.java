package dev.signet.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Prediction;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmOptions;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.otel.OpenTelemetryTracing;
import dev.signet.streaming.PlanWalk;
import dev.signet.streaming.PlanWalkPredictor;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fallbacks and round-robin routing through the real SDK, each model on a loopback server of its own. */
class RoutingTest {
    private static final SignatureDescription QA = SignatureDescription.builder("QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final LoopbackOpenAiServer primaryServer = LoopbackOpenAiServer.start();
    private final LoopbackOpenAiServer backupServer = LoopbackOpenAiServer.start();
    private final LoopbackOpenAiServer thirdServer = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel primary = model(primaryServer, "primary-model");
    private final OpenAiLanguageModel backup = model(backupServer, "backup-model");
    private final OpenAiLanguageModel third = model(thirdServer, "third-model");

    private static OpenAiLanguageModel model(LoopbackOpenAiServer server, String name) {
        return OpenAiLanguageModel.builder().apiKey("test").baseUrl(server.baseUrl()).model(name).maxRetries(0)
                .build();
    }

    @AfterEach
    void close() {
        for (AutoCloseable closeable : List.<AutoCloseable>of(primary, backup, third, primaryServer, backupServer,
                thirdServer)) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static TypedPredictor<String> qa(Signet signet) {
        return TypedPredictor.create(signet, QA, o -> (String) o.get("answer"));
    }

    @Test
    void aRateLimitedModelFallsBackToTheNextAndIsPassedOverUntilItsRetryAfter() throws Exception {
        primaryServer.enqueue(Reply.error(429, "Rate limit reached").withHeader("retry-after-ms", "400"));
        backupServer.respondWith(request -> Reply.fields("answer", "from the backup"));
        primaryServer.respondWith(request -> Reply.fields("answer", "from the primary"));
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            Signet signet = OpenTelemetryTracing.create(otel).instrument(Signet.builder().languageModel(primary)
                    .options(LmOptions.DEFAULTS.withModel("primary-model"))
                    .interceptor(Fallback.to(backup)).build());
            TypedPredictor<String> qa = qa(signet);

            Prediction<String> first = qa.predict(Map.of("question", "q1"));
            String second = qa.call(Map.of("question", "q2")); // within the Retry-After: straight to the backup

            assertThat(first.output()).isEqualTo("from the backup");
            assertThat(first.attempts()).hasSize(2);
            assertThat(first.attempts().get(0).failed()).isTrue();
            assertThat(first.attempts().get(0).completion().model()).isEqualTo(primary.id());
            assertThat(first.attempts().get(0).error()).startsWith("RATE_LIMIT: ").contains("429");
            assertThat(first.attempts().get(0).completion().usage().totalTokens()).isZero();
            assertThat(first.attempts().get(1).failed()).isFalse();
            assertThat(first.attempts().get(1).completion().model()).isEqualTo("backup-model");
            assertThat(second).isEqualTo("from the backup");
            assertThat(primaryServer.requestCount()).isEqualTo(1);
            assertThat(backupServer.requestCount()).isEqualTo(2);
            // the request's model option named the primary's model: the backup was asked for its own
            assertThat(backupServer.requests().get(0).model()).isEqualTo("backup-model");

            List<SpanData> chats = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat"))
                    .toList();
            assertThat(chats).extracting(SpanData::getName)
                    .containsExactly("chat primary-model", "chat backup-model", "chat backup-model");
            assertThat(chats.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(chats.get(0).getAttributes().get(AttributeKey.stringKey("signet.error.kind")))
                    .isEqualTo("RATE_LIMIT");
            assertThat(chats.get(1).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String answer = "from the backup";
            while (answer.equals("from the backup") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                answer = qa.call(Map.of("question", "q3"));
            }
            assertThat(answer).isEqualTo("from the primary"); // the wait is over: back to the primary
        }
    }

    @Test
    void aGeneratedPredictorFallsBackAfterARateLimit() {
        primaryServer.enqueue(Reply.error(429, "Rate limit reached"));
        backupServer.enqueue(Reply.fields("summary", "Along the river.", "stops", "[]", "minutes", "30"));
        PlanWalkPredictor planner = PlanWalkPredictor.create(Signet.builder().languageModel(primary)
                .interceptor(Fallback.to(backup)).build());

        PlanWalk.Plan plan = planner.plan("Prague");

        assertThat(plan).isEqualTo(new PlanWalk.Plan("Along the river.", List.of(), 30));
        assertThat(primaryServer.requestCount()).isEqualTo(1);
        assertThat(backupServer.lastRequest().messages()).isEqualTo(primaryServer.lastRequest().messages());
    }

    @Test
    void aBadRequestIsNotTheModelsAvailabilityAndDoesNotFallBack() {
        primaryServer.enqueue(Reply.error(400, "Unknown parameter: 'seed'"));
        TypedPredictor<String> qa = qa(Signet.builder().languageModel(primary).interceptor(Fallback.to(backup))
                .build());

        assertThatThrownBy(() -> qa.call(Map.of("question", "q")))
                .isInstanceOfSatisfying(LanguageModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST));
        assertThat(backupServer.requestCount()).isZero();
    }

    @Test
    void whenEveryModelFailsTheLastErrorCarriesTheEarlierOnes() {
        primaryServer.enqueue(Reply.error(503, "overloaded"));
        backupServer.enqueue(Reply.error(429, "quota"));
        thirdServer.enqueue(Reply.error(500, "broken"));
        TypedPredictor<String> qa = qa(Signet.builder().languageModel(primary)
                .interceptor(Fallback.to(backup, third)).build());

        assertThatThrownBy(() -> qa.predictAsync(Map.of("question", "q")).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SERVER);
                    assertThat(e.getMessage()).contains("broken");
                    assertThat(e.getSuppressed()).extracting(t -> ((LanguageModelException) t).kind())
                            .containsExactly(Kind.SERVER, Kind.RATE_LIMIT);
                });
        assertThat(List.of(primaryServer.requestCount(), backupServer.requestCount(), thirdServer.requestCount()))
                .containsExactly(1, 1, 1);
    }

    @Test
    void onlyTheKindsAskedForFallBack() {
        primaryServer.enqueue(Reply.error(503, "overloaded"));
        TypedPredictor<String> qa = qa(Signet.builder().languageModel(primary)
                .interceptor(Fallback.to(backup).on(Kind.RATE_LIMIT)).build());

        assertThatThrownBy(() -> qa.call(Map.of("question", "q")))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER));
        assertThat(backupServer.requestCount()).isZero();
    }

    @Test
    void aStreamThatBreaksOffRestartsOnTheNextModel() {
        primaryServer.enqueue(Reply.fields("answer", "half of an answer that").streamed(4, Duration.ZERO)
                .cutStreamAfter(3));
        backupServer.enqueue(Reply.fields("answer", "the backup's answer").streamed(4, Duration.ZERO));
        TypedPredictor<String> qa = qa(Signet.builder().languageModel(primary).interceptor(Fallback.to(backup))
                .build());
        List<Boolean> restarts = new java.util.concurrent.CopyOnWriteArrayList<>();

        Prediction<?> prediction = qa.predictor().stream(Map.of("question", "q"))
                .forEach(event -> restarts.add(event.restarted())).join();

        assertThat(prediction.outputs().get("answer")).isEqualTo("the backup's answer");
        assertThat(restarts).containsOnlyOnce(true);
    }

    @Test
    void roundRobinSpreadsCallsOverTheModelsInTurn() {
        for (LoopbackOpenAiServer server : List.of(primaryServer, backupServer, thirdServer)) {
            server.respondWith(request -> Reply.fields("answer", request.model()));
        }
        TypedPredictor<String> qa = qa(Signet.builder().languageModel(primary)
                .interceptor(RoundRobin.over(backup, third)).build());

        List<String> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(qa.callAsync(Map.of("question", "q" + i)).join());
        }

        assertThat(answers).containsExactly("backup-model", "third-model", "backup-model", "third-model",
                "backup-model", "third-model");
        assertThat(primaryServer.requestCount()).isZero();
    }

    @Test
    void roundRobinThenFallbackMovesAFailedTurnOn() {
        backupServer.enqueue(Reply.error(500, "down"), Reply.fields("answer", "backup"));
        thirdServer.respondWith(request -> Reply.fields("answer", "third"));
        TypedPredictor<String> qa = qa(Signet.builder().languageModel(primary)
                .interceptor(RoundRobin.over(backup, third)).interceptor(Fallback.to(third)).build());

        assertThat(qa.call(Map.of("question", "a"))).isEqualTo("third"); // backup's turn failed: the fallback
        assertThat(qa.call(Map.of("question", "b"))).isEqualTo("third"); // third's turn
        assertThat(qa.call(Map.of("question", "c"))).isEqualTo("backup");
    }
}
