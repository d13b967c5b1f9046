package dev.signet.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.LanguageModelException;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The observations a handler sees for calls through the real SDK to the loopback server. */
class MicrometerObservationsTest {
    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("sk-test-observe-0123456789")
            .baseUrl(server.baseUrl()).model("gpt-4o-mini").maxRetries(0).build();
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry registry = ObservationRegistry.create();

    {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
    }

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private static Map<String, String> keys(Iterable<KeyValue> values) {
        return java.util.stream.StreamSupport.stream(values.spliterator(), false)
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    @Test
    void eachModelCallIsAnObservationWithTheGenAiKeysAndItsFailureKind() {
        server.enqueue(Reply.fields("answer", "Paris").withUsage(120, 7), Reply.error(429, "slow down"));
        TypedPredictor<String> qa = TypedPredictor.create(
                MicrometerObservations.create(registry).instrument(Signet.builder().languageModel(lm).build()), QA,
                o -> (String) o.get("answer"));

        assertThat(qa.call(Map.of("question", "Capital of France?"))).isEqualTo("Paris");
        assertThatThrownBy(() -> qa.call(Map.of("question", "again"))).isInstanceOf(
                LanguageModelException.class);

        assertThat(stopped).hasSize(2).allSatisfy(c -> assertThat(c.getName()).isEqualTo(MicrometerObservations.NAME));
        Map<String, String> ok = keys(stopped.get(0).getLowCardinalityKeyValues());
        assertThat(ok).containsEntry("gen_ai.operation.name", "chat").containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-4o-mini").containsEntry("signet.predictor", "com.example.QA")
                .containsEntry("signet.error.kind", "none").containsEntry("signet.cache", "miss");
        assertThat(keys(stopped.get(0).getHighCardinalityKeyValues())).containsEntry("gen_ai.usage.input_tokens", "120")
                .containsEntry("gen_ai.usage.output_tokens", "7");
        assertThat(stopped.get(0).getContextualName()).isEqualTo("chat gpt-4o-mini");
        assertThat(stopped.get(0).getError()).isNull();

        assertThat(keys(stopped.get(1).getLowCardinalityKeyValues())).containsEntry("signet.error.kind", "RATE_LIMIT");
        assertThat(stopped.get(1).getError()).isInstanceOf(LanguageModelException.class);
        assertThat(stopped).allSatisfy(c -> assertThat(c.getAllKeyValues().toString())
                .doesNotContain("sk-test").doesNotContain("Paris").doesNotContain("France"));
    }
}
