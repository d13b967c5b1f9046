package dev.signet.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTracingTest {
    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("gpt-test").build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
        otel.close();
    }

    private TypedPredictor<String> qa(boolean captureContent) {
        Signet traced = OpenTelemetryTracing.create(otel, captureContent)
                .instrument(Signet.builder().languageModel(lm).jsonFallback(false).parseRepairs(0).build());
        return TypedPredictor.create(traced, QA, o -> ((String) o.get("answer")));
    }

    private List<SpanData> named(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    @Test
    void cachedAndReasoningTokensAreOnTheSpanWhenTheServerReportsThem() {
        server.enqueue(Reply.fields("answer", "Paris").withUsage(500, 80).withUsageDetails(300, 60),
                Reply.fields("answer", "Rome").withUsage(20, 3));
        TypedPredictor<String> qa = qa(false);

        qa.call(Map.of("question", "France?"));
        qa.call(Map.of("question", "Italy?"));

        List<SpanData> chats = named("chat gpt-test");
        assertThat(chats.get(0).getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens")))
                .isEqualTo(300);
        assertThat(chats.get(0).getAttributes().get(AttributeKey.longKey("signet.usage.reasoning_tokens")))
                .isEqualTo(60);
        assertThat(chats.get(1).getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens")))
                .isNull();
    }

    @Test
    void aStreamedCallsSpanHasItsTimeToFirstToken() {
        server.enqueue(Reply.fields("answer", "Paris, the capital").streamed(4, java.time.Duration.ofMillis(20))
                        .withLatency(java.time.Duration.ofMillis(150)),
                Reply.fields("answer", "Rome"));
        TypedPredictor<String> qa = qa(false);

        qa.predictor().stream(Map.of("question", "France?")).forEach(event -> { }).join();
        qa.call(Map.of("question", "Italy?"));

        List<SpanData> chats = named("chat gpt-test");
        assertThat(chats).hasSize(2);
        SpanData streamed = chats.get(0);
        assertThat(streamed.getAttributes().get(AttributeKey.booleanKey("signet.streamed"))).isTrue();
        Double firstToken = streamed.getAttributes().get(AttributeKey.doubleKey("signet.time_to_first_token"));
        double spanSeconds = (streamed.getEndEpochNanos() - streamed.getStartEpochNanos()) / 1e9;
        assertThat(firstToken).isGreaterThanOrEqualTo(0.15).isLessThan(spanSeconds);
        assertThat(streamed.getEvents()).extracting(e -> e.getName()).containsExactly("gen_ai.first_token");
        assertThat(streamed.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
        SpanData whole = chats.get(1);
        assertThat(whole.getAttributes().get(AttributeKey.booleanKey("signet.streamed"))).isNull();
        assertThat(whole.getAttributes().get(AttributeKey.doubleKey("signet.time_to_first_token"))).isNull();
    }

    @Test
    void oneClientSpanPerModelCallAndOneSpanPerPredictorCallWithGenAiAttributes() {
        server.enqueue(Reply.fields("answer", "Paris").withUsage(30, 4), Reply.fields("answer", "Rome").withUsage(20, 3));
        TypedPredictor<String> qa = qa(false);

        qa.call(Map.of("question", "France?"));
        qa.callAsync(Map.of("question", "Italy?")).join();

        List<SpanData> chats = named("chat gpt-test");
        assertThat(chats).hasSize(2);
        SpanData chat = chats.get(0);
        assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-test");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("gpt-test");
        assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(30);
        assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(4);
        assertThat(chat.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("stop");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages"))).isNull();
        List<SpanData> predicts = named("predict com.example.QA");
        assertThat(predicts).hasSize(2);
        assertThat(predicts.get(1).getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(20);
        assertThat(exporter.getFinishedSpanItems()).hasSize(4);
    }

    @Test
    void contentIsRecordedOnlyWhenAskedFor() {
        server.enqueue(Reply.fields("answer", "Paris"));

        qa(true).call(Map.of("question", "France?"));

        SpanData chat = named("chat gpt-test").get(0);
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                .contains("\"role\":\"user\"").contains("France?");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages"))).contains("Paris");
    }

    @Test
    void failuresMarkBothSpans() {
        server.enqueue(Reply.error(400, "bad model"));

        assertThatThrownBy(() -> qa(false).call(Map.of("question", "q")));

        SpanData chat = named("chat gpt-test").get(0);
        assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("dev.signet.lm.LanguageModelException");
        assertThat(named("predict com.example.QA").get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void withoutTheOpenTelemetryApiOnTheClassPathEverythingStillWorks() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("opentelemetry"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("opentelemetry");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, NoOpenTelemetryMain.class.getName()).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("answer=works");
    }
}
