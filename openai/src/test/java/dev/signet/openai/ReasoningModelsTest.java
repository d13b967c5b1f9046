package dev.signet.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.Prediction;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.cache.Cache;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Completion;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.lm.Usage;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import dev.signet.usage.UsageMeter;
import dev.signet.usage.UsageMeter.Price;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reasoning models through the SDK: their effort, no temperature, and the usage's cached and reasoning tokens. */
class ReasoningModelsTest {
    private static final SignatureDescription QA = SignatureDescription.builder("QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("gpt-4o-mini").build();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private static LmRequest request(LmOptions options) {
        return new LmRequest(List.of(Message.user("hi")), options);
    }

    @Test
    void theReasoningEffortIsSentAndAReasoningModelGetsNoTemperature() {
        server.enqueue(Reply.text("a"), Reply.text("b"), Reply.text("c"), Reply.text("d"));
        LmOptions options = LmOptions.DEFAULTS.withTemperature(0.0).withMaxTokens(2_000).withReasoningEffort("high");

        lm.complete(request(options.withModel("o3-mini"))).join();
        JsonNode o3 = server.lastRequest().json();
        lm.complete(request(options.withModel("openai/gpt-5-mini"))).join();
        JsonNode gpt5 = server.lastRequest().json();
        lm.complete(request(options.withModel("gpt-5-chat-latest").withReasoningEffort(null))).join();
        JsonNode gpt5Chat = server.lastRequest().json();
        lm.complete(request(options.withReasoningEffort(null))).join();
        JsonNode mini = server.lastRequest().json();

        assertThat(o3.path("reasoning_effort").asText()).isEqualTo("high");
        assertThat(o3.has("temperature")).isFalse();
        assertThat(o3.path("max_completion_tokens").asInt()).isEqualTo(2_000);
        assertThat(o3.has("max_tokens")).isFalse();
        assertThat(gpt5.path("reasoning_effort").asText()).isEqualTo("high");
        assertThat(gpt5.has("temperature")).isFalse();
        assertThat(gpt5Chat.path("temperature").asDouble(-1)).isEqualTo(0.0);
        assertThat(mini.path("temperature").asDouble(-1)).isEqualTo(0.0);
        assertThat(mini.has("reasoning_effort")).isFalse();
    }

    @Test
    void aReasoningEffortThatIsNotAWordIsRefusedUpFront() {
        assertThatThrownBy(() -> LmOptions.DEFAULTS.withReasoningEffort("High "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimal, low, medium or high");
    }

    @Test
    void cachedAndReasoningTokensAreReadWholeAndStreamed() {
        server.enqueue(Reply.fields("answer", "42").withUsage(1_000, 300).withUsageDetails(600, 250),
                Reply.fields("answer", "42").withUsage(1_000, 300).withUsageDetails(600, 250)
                        .streamed(3, Duration.ZERO));
        TypedPredictor<String> qa = TypedPredictor.create(Signet.builder().languageModel(lm).build(), QA,
                o -> (String) o.get("answer"));

        Prediction<String> whole = qa.predict(Map.of("question", "q"));
        Prediction<?> streamed = qa.predictor().stream(Map.of("question", "q")).forEach(e -> { }).join();

        for (Usage usage : List.of(whole.usage(), streamed.usage())) {
            assertThat(usage).isEqualTo(new Usage(1_000, 300, 1_300, 600, 250));
        }
    }

    @Test
    void theUsageMeterPricesCachedInputAtItsOwnRate() {
        server.enqueue(Reply.fields("answer", "42").withUsage(1_000_000, 100_000).withUsageDetails(400_000, 50_000));
        UsageMeter meter = new UsageMeter(Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.075", "0.60")));
        TypedPredictor<String> qa = TypedPredictor.create(Signet.builder().languageModel(lm).build()
                .withListener(meter), QA, o -> (String) o.get("answer"));

        qa.call(Map.of("question", "q"));

        // 600k fresh input at 0.15, 400k cached at 0.075, 100k output (reasoning included) at 0.60
        assertThat(meter.cost()).isEqualByComparingTo(new BigDecimal("0.09").add(new BigDecimal("0.03"))
                .add(new BigDecimal("0.06")));
        assertThat(meter.total().cachedPromptTokens()).isEqualTo(400_000);
        assertThat(meter.total().reasoningTokens()).isEqualTo(50_000);
        assertThat(Price.perMillion("0.15", "0.60").cost(meter.total()))
                .isEqualByComparingTo(new BigDecimal("0.21")); // no cached rate: cached input at the input price
    }

    @Test
    void theDiskCacheKeepsTheUsageDetailsAndTheEffortIsPartOfTheKey() {
        server.respondWith(request -> Reply.fields("answer", "effort " + request.json().path("reasoning_effort")
                .asText("none")).withUsage(10, 20).withUsageDetails(4, 15));
        Signet cached = Signet.builder().languageModel(lm).interceptor(Cache.onDisk(dir)).build();
        TypedPredictor<String> qa = TypedPredictor.create(cached, QA, o -> (String) o.get("answer"));
        TypedPredictor<String> low = TypedPredictor.create(cached.withOptions(cached.options()
                .withReasoningEffort("low")), QA, o -> (String) o.get("answer"));

        assertThat(qa.call(Map.of("question", "q"))).isEqualTo("effort none");
        assertThat(low.call(Map.of("question", "q"))).isEqualTo("effort low");
        Prediction<String> again = TypedPredictor.create(Signet.builder().languageModel(lm)
                .interceptor(Cache.onDisk(dir)).build(), QA, o -> (String) o.get("answer"))
                .predict(Map.of("question", "q"));

        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(again.cacheHit()).isTrue();
        Completion stored = new Completion("text", "o3", new Usage(10, 20, 30, 4, 15), "stop");
        Cache.onDisk(dir).put("0123abcd", stored);
        assertThat(Cache.onDisk(dir).get("0123abcd").orElseThrow().usage()).isEqualTo(stored.usage());
    }
}
