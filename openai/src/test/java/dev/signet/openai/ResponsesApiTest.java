package dev.signet.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.Prediction;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.adapter.JsonAdapter;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.lm.Usage;
import dev.signet.streaming.PlanWalk;
import dev.signet.streaming.PlanWalkPredictor;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code api(RESPONSES)}: the same prompts through OpenAI's Responses API, via the SDK's responses client. */
class ResponsesApiTest {
    private static final SignatureDescription QA = SignatureDescription.builder("QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel responses = OpenAiLanguageModel.builder().apiKey("test")
            .baseUrl(server.baseUrl()).model("gpt-test").api(OpenAiLanguageModel.Api.RESPONSES).maxRetries(1)
            .build();
    private final OpenAiLanguageModel chat = OpenAiLanguageModel.builder().apiKey("test")
            .baseUrl(server.baseUrl()).model("gpt-test").build();

    @AfterEach
    void close() {
        responses.close();
        chat.close();
        server.close();
    }

    @Test
    void theMessagesGoAsInputItemsWithTheOptionsAndNothingIsStored() {
        server.enqueue(Reply.text("answer text").withUsage(100, 40).withUsageDetails(30, 25).withModel("gpt-x"));
        LmRequest request = new LmRequest(List.of(Message.system("sys"), Message.user("hi"),
                Message.assistant("hello"), Message.user("again")), new LmOptions(null, 0.5, 300, 7L, "low"));

        Completion completion = responses.completeBlocking(request);

        assertThat(completion.text()).isEqualTo("answer text");
        assertThat(completion.model()).isEqualTo("gpt-x");
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.usage()).isEqualTo(new Usage(100, 40, 140, 30, 25));
        JsonNode body = server.lastRequest().json();
        assertThat(server.lastRequest().path()).isEqualTo("/v1/responses");
        assertThat(body.path("store").asBoolean(true)).isFalse();
        assertThat(body.path("model").asText()).isEqualTo("gpt-test");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.path("max_output_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("reasoning").path("effort").asText()).isEqualTo("low");
        assertThat(body.has("seed")).isFalse();
        assertThat(server.lastRequest().messages()).extracting(m -> m.role() + ":" + m.content())
                .containsExactly("system:sys", "user:hi", "assistant:hello", "user:again");
    }

    @Test
    void aPredictorSendsTheSamePromptThroughEitherApi() throws Exception {
        server.respondWith(request -> Reply.fields("answer", "Paris"));
        Map<String, Object> inputs = Map.of("question", "Capital of France?");

        String viaResponses = TypedPredictor.create(Signet.builder().languageModel(responses).build(), QA,
                o -> (String) o.get("answer")).callAsync(inputs).get();
        String viaChat = TypedPredictor.create(Signet.builder().languageModel(chat).build(), QA,
                o -> (String) o.get("answer")).call(inputs);

        assertThat(viaResponses).isEqualTo("Paris").isEqualTo(viaChat);
        assertThat(server.requests().get(0).path()).isEqualTo("/v1/responses");
        assertThat(server.requests().get(1).path()).isEqualTo("/v1/chat/completions");
        assertThat(server.requests().get(0).messages()).isEqualTo(server.requests().get(1).messages());
        assertThat(responses.id()).isNotEqualTo(chat.id()); // caches keep the two apart
    }

    @Test
    void aGeneratedPredictorCallsAndStreamsThroughTheResponsesApi() {
        String reply = "[[ ## summary ## ]]\nRiver, market, castle.\n\n[[ ## stops ## ]]\n[{\"name\": \"Castle\", "
                + "\"minutes\": 45}]\n\n[[ ## minutes ## ]]\n45\n\n[[ ## completed ## ]]";
        server.enqueue(Reply.text(reply), Reply.text(reply).streamed(6, Duration.ZERO));
        PlanWalkPredictor planner = PlanWalkPredictor.create(Signet.builder().languageModel(responses).build());
        PlanWalk.Plan expected = new PlanWalk.Plan("River, market, castle.", List.of(new PlanWalk.Stop("Castle", 45)),
                45);

        assertThat(planner.plan("Prague")).isEqualTo(expected);
        assertThat(planner.planStream("Prague").forEach(event -> { }).join().output()).isEqualTo(expected);
        assertThat(server.requests()).extracting(r -> r.path()).containsOnly("/v1/responses");
        assertThat(server.requests().get(1).json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void theJsonAdaptersSchemaGoesAsTheTextFormat() {
        server.enqueue(Reply.text("{\"answer\": \"Paris\"}"));
        Signet json = Signet.builder().languageModel(responses).adapter(new JsonAdapter()).build();

        assertThat(Predictor.of(json, QA).call(Map.of("question", "q")).get("answer")).isEqualTo("Paris");
        JsonNode format = server.lastRequest().json().path("text").path("format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("strict").asBoolean()).isTrue();
        assertThat(format.path("schema").path("properties").has("answer")).isTrue();
    }

    @Test
    void aResponseCutAtMaxOutputTokensIsTruncatedAndErrorsKeepTheirKinds() {
        server.enqueue(Reply.text("[[ ## answer ## ]]\nA long").withFinishReason("length"));
        assertThatThrownBy(() -> Predictor.of(Signet.builder().languageModel(responses).build(), QA)
                .call(Map.of("question", "q")))
                .isInstanceOfSatisfying(LanguageModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED));

        Reply limited = Reply.error(429, "Rate limit reached").withHeader("retry-after-ms", "5");
        server.enqueue(limited, limited);
        assertThatThrownBy(() -> responses.complete(LmRequest.of(List.of(Message.user("q")))).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMIT);
                    assertThat(e.retryAfter()).contains(Duration.ofMillis(5));
                });
    }

    @Test
    void aPredictionStreamsThroughTheResponsesApi() {
        String reply = "[[ ## answer ## ]]\nParis, on the Seine.\n\n[[ ## completed ## ]]";
        server.enqueue(Reply.text(reply).withUsage(20, 10).streamed(4, Duration.ZERO),
                Reply.text(reply).streamed(4, Duration.ZERO).cutStreamAfter(5));
        Predictor qa = Predictor.of(Signet.builder().languageModel(responses).build(), QA);
        List<String> partials = new ArrayList<>();

        Prediction<Outputs> prediction = qa.stream(Map.of("question", "q")).forEach(event -> {
            if (event.field().isPresent() && !event.fieldDone()) {
                partials.add((String) event.outputs().get("answer"));
            }
        }).join();

        assertThat(server.requests().get(0).json().path("stream").asBoolean()).isTrue();
        assertThat(prediction.outputs().get("answer")).isEqualTo("Paris, on the Seine.");
        assertThat(prediction.usage().totalTokens()).isEqualTo(30);
        assertThat(partials).hasSizeGreaterThan(2).allMatch("Paris, on the Seine."::startsWith);
        assertThatThrownBy(() -> qa.stream(Map.of("question", "q")).forEach(e -> { }).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
                    assertThat(e.partialText()).contains(reply.substring(0, 20));
                });
    }
}
