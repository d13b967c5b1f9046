package dev.signet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapter.ChatAdapter;
import dev.signet.adapter.JsonAdapter;
import dev.signet.adapter.OutputParseException;
import dev.signet.core.ConfigurationException;
import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LmOptions;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.RecordedRequest;
import dev.signet.testing.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Predictors end to end: adapter, the real OpenAI SDK, the loopback server, typed outputs. */
@SuppressWarnings("unchecked")
class PredictorTest {
    enum Feeling { JOY, SADNESS }

    record Verdict(Feeling feeling, double confidence, int intensity, long count, boolean sarcastic,
            List<String> keywords, String note) {}

    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .instructions("Answer questions with short factoid answers.")
            .input("question", "a trivia question", FieldType.STRING)
            .output("answer", "often between 1 and 5 words", FieldType.STRING)
            .build();

    private static final SignatureDescription EMOTION = SignatureDescription.builder("com.example.Emotion")
            .input("sentence", "", FieldType.STRING)
            .output("feeling", "", FieldType.enumOf(Feeling.class, Feeling.values()))
            .output("confidence", "", FieldType.DOUBLE)
            .output("intensity", "", FieldType.INT)
            .output("count", "", FieldType.LONG)
            .output("sarcastic", "", FieldType.BOOLEAN)
            .output("keywords", "", FieldType.listOf(FieldType.STRING))
            .output("note", "", FieldType.STRING)
            .build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test-key").baseUrl(server.baseUrl()).model("loopback").build();
    private final Signet signet = Signet.builder().languageModel(lm).build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private static TypedPredictor<String> qa(Signet signet) {
        return TypedPredictor.create(signet, QA, outputs -> ((String) outputs.get("answer")));
    }

    private static Map<String, Object> question(String text) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("question", text);
        return inputs;
    }

    @Test
    void theServerReceivesTheChatFormatAndTheCallerGetsTheTypedAnswer() {
        server.enqueue(Reply.fields("answer", "Paris").withUsage(40, 6));

        Prediction<String> prediction = qa(signet).predict(question("What is the capital of France?"));

        assertThat(prediction.output()).isEqualTo("Paris");
        assertThat(prediction.predictorName()).isEqualTo("com.example.QA");
        assertThat(prediction.usage().totalTokens()).isEqualTo(46);
        assertThat(prediction.model()).isEqualTo("loopback");
        assertThat(prediction.rawCompletion()).isEqualTo("[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]");
        assertThat(prediction.latency()).isPositive();
        RecordedRequest request = server.lastRequest();
        assertThat(request.messages()).extracting(RecordedRequest.ChatMessage::role).containsExactly("system", "user");
        assertThat(request.messages().get(0).content())
                .isEqualTo(new ChatAdapter().format(QA, PromptState.of(QA), question("x")).get(0).content())
                .startsWith("Your input fields are:\n1. `question` (str): a trivia question\n");
        assertThat(request.lastUserMessage()).isEqualTo("[[ ## question ## ]]\nWhat is the capital of France?\n\n"
                + "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, "
                + "and then ending with the marker for `[[ ## completed ## ]]`.");
        assertThat(prediction.messages()).extracting(m -> m.content())
                .containsExactly(request.messages().get(0).content(), request.lastUserMessage());
    }

    @Test
    void everySupportedTypeIsParsedIntoItsJavaType() {
        server.enqueue(Reply.fields("feeling", "JOY", "confidence", "0.9", "intensity", "7",
                "count", "9000000000", "sarcastic", "False", "keywords", "[\"won\", \"finally\"]",
                "note", "Short note."));
        TypedPredictor<Verdict> predictor = TypedPredictor.create(signet, EMOTION, o -> new Verdict(
                ((Feeling) o.get("feeling")), ((Double) o.get("confidence")), ((Integer) o.get("intensity")),
                ((Long) o.get("count")), ((Boolean) o.get("sarcastic")), ((List<String>) o.get("keywords")),
                ((String) o.get("note"))));

        Verdict verdict = predictor.call(Map.of("sentence", "We finally won!"));

        assertThat(verdict).isEqualTo(new Verdict(Feeling.JOY, 0.9, 7, 9_000_000_000L, false,
                List.of("won", "finally"), "Short note."));
    }

    private Signet withoutRecovery() {
        return signet.toBuilder().jsonFallback(false).parseRepairs(0).build();
    }

    record Event(String title, java.time.LocalDateTime start, java.util.Optional<java.time.Instant> seen) {}

    private static final FieldType EVENT = FieldType.recordOf(Event.class,
            List.of(new FieldType.Component("title", "", FieldType.STRING),
                    new FieldType.Component("start", "", FieldType.DATE_TIME),
                    new FieldType.Component("seen", "", FieldType.optionalOf(FieldType.INSTANT))),
            v -> new Event((String) v.get(0), (java.time.LocalDateTime) v.get(1),
                    (java.util.Optional<java.time.Instant>) v.get(2)),
            e -> java.util.Arrays.<Object>asList(e.title(), e.start(), e.seen()));

    private static final SignatureDescription SCHEDULE = SignatureDescription.builder("com.example.Schedule")
            .input("request", "", FieldType.STRING)
            .output("events", "", FieldType.listOf(EVENT))
            .output("budget", "", FieldType.DECIMAL)
            .output("day", "", FieldType.DATE)
            .output("rooms", "", FieldType.mapOf(FieldType.setOf(FieldType.INT)))
            .output("note", "", FieldType.optionalOf(FieldType.STRING))
            .build();

    private static final Outputs EXPECTED_SCHEDULE = Outputs.of(Map.of(
            "events", List.of(new Event("Kick-off", java.time.LocalDateTime.of(2026, 12, 1, 9, 30),
                    java.util.Optional.of(java.time.Instant.parse("2026-11-25T08:00:00Z")))),
            "budget", new java.math.BigDecimal("1250.75"),
            "day", java.time.LocalDate.of(2026, 12, 1),
            "rooms", Map.of("north", java.util.Set.of(1, 2)),
            "note", java.util.Optional.empty()));

    @Test
    void everyTypeFamilyRoundTripsAsAnOutputThroughTheChatAdapter() {
        server.enqueue(Reply.fields(
                "events", "[{\"title\": \"Kick-off\", \"start\": \"2026-12-01T09:30:00\", "
                        + "\"seen\": \"2026-11-25T08:00:00Z\"}]",
                "budget", "1,250.75", "day", "2026-12-01", "rooms", "{\"north\": [1, 2, 2]}", "note", "None"));

        Prediction<Outputs> prediction = TypedPredictor.create(withoutRecovery(), SCHEDULE, o -> o)
                .predict(Map.of("request", "plan the kick-off"));

        assertThat(prediction.outputs()).isEqualTo(EXPECTED_SCHEDULE);
    }

    @Test
    void everyTypeFamilyRoundTripsAsAnOutputThroughTheJsonAdapter() {
        server.enqueue(Reply.text("{\"events\": [{\"title\": \"Kick-off\", \"start\": \"2026-12-01T09:30:00\", "
                + "\"seen\": \"2026-11-25T08:00:00Z\"}], \"budget\": 1250.75, \"day\": \"2026-12-01\", "
                + "\"rooms\": {\"north\": [1, 2]}, \"note\": null}"));
        Signet json = withoutRecovery().toBuilder().adapter(new dev.signet.adapter.JsonAdapter()).build();

        Prediction<Outputs> prediction = TypedPredictor.create(json, SCHEDULE, o -> o)
                .predict(Map.of("request", "plan the kick-off"));

        assertThat(prediction.outputs()).isEqualTo(EXPECTED_SCHEDULE);
        com.fasterxml.jackson.databind.JsonNode format = server.lastRequest().json().get("response_format");
        assertThat(format.at("/json_schema/strict").asBoolean()).as("rooms is a map").isFalse();
        assertThat(format.at("/json_schema/schema/properties/events/items/additionalProperties").asBoolean())
                .isFalse();
        assertThat(format.at("/json_schema/schema/properties/events/items/required").toString())
                .isEqualTo("[\"title\",\"start\",\"seen\"]");
    }

    @Test
    void anUnparseableReplyIsATypedExceptionHoldingTheRawCompletion() {
        server.enqueue(Reply.text("I think it is Paris."));

        assertThatThrownBy(() -> qa(withoutRecovery()).call(question("What is the capital of France?")))
                .isInstanceOfSatisfying(OutputParseException.class, e -> {
                    assertThat(e.completion()).isEqualTo("I think it is Paris.");
                    assertThat(e.field()).contains("answer");
                    assertThat(e.getMessage()).contains("has no `[[ ## answer ## ]]` section");
                });
    }

    @Test
    void aReplyCutOffAtTheTokenLimitSaysSo() {
        server.enqueue(Reply.text("[[ ## feeling ## ]]\nJOY\n\n[[ ## confid").withFinishReason("length"));
        TypedPredictor<Outputs> predictor = TypedPredictor.create(withoutRecovery(), EMOTION, o -> o);

        assertThatThrownBy(() -> predictor.call(Map.of("sentence", "x")))
                .isInstanceOfSatisfying(dev.signet.lm.LanguageModelException.class, e -> assertThat(e.kind())
                        .isEqualTo(dev.signet.lm.LanguageModelException.Kind.TRUNCATED))
                .hasMessageContaining("cut off at the token limit (finish_reason length")
                .hasMessageContaining("raise maxTokens");
    }

    @Test
    void anUnparseableChatReplyFallsBackToStructuredJsonOutputs() {
        server.enqueue(Reply.text("Paris, obviously.").withUsage(50, 4),
                Reply.text("{\"answer\": \"Paris\"}").withUsage(60, 5));

        Prediction<String> prediction = qa(signet).predict(question("What is the capital of France?"));

        assertThat(prediction.output()).isEqualTo("Paris");
        assertThat(prediction.attempts()).extracting(Attempt::kind)
                .containsExactly(Attempt.Kind.PREDICT, Attempt.Kind.JSON_FALLBACK);
        assertThat(prediction.attempts().get(0).error()).contains("has no `[[ ## answer ## ]]` section");
        assertThat(prediction.attempts().get(1).adapter()).isEqualTo("JsonAdapter");
        assertThat(prediction.usage().totalTokens()).isEqualTo(119);
        com.fasterxml.jackson.databind.JsonNode format = server.lastRequest().json().get("response_format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
        assertThat(format.at("/json_schema/name").asText()).isEqualTo("QA");
        assertThat(format.at("/json_schema/schema").toString()).isEqualTo("{\"type\":\"object\",\"properties\":"
                + "{\"answer\":{\"type\":\"string\",\"description\":\"often between 1 and 5 words\"}},"
                + "\"required\":[\"answer\"],\"additionalProperties\":false}");
        assertThat(server.lastRequest().lastUserMessage()).endsWith(
                "Respond with a JSON object in the following order of fields: `answer`.");
    }

    @Test
    void aRepairSendsTheErrorBackAndItsAnswerIsUsed() {
        server.enqueue(Reply.text("Paris"), Reply.text("{\"city\": \"Paris\"}"),
                Reply.text("{\"answer\": \"Paris\"}"));

        Prediction<String> prediction = qa(signet).predict(question("What is the capital of France?"));

        assertThat(prediction.output()).isEqualTo("Paris");
        assertThat(prediction.attempts()).extracting(Attempt::kind)
                .containsExactly(Attempt.Kind.PREDICT, Attempt.Kind.JSON_FALLBACK, Attempt.Kind.REPAIR);
        List<RecordedRequest.ChatMessage> repair = server.lastRequest().messages();
        assertThat(repair.get(repair.size() - 2).content()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(repair.get(repair.size() - 1).content())
                .startsWith("Your reply could not be parsed: The JSON reply for com.example.QA has no value for answer");
    }

    @Test
    void whenEveryAttemptFailsTheExceptionHoldsEveryCompletion() {
        server.enqueue(Reply.text("one"), Reply.text("two"), Reply.text("three"));

        assertThatThrownBy(() -> qa(signet).call(question("q")))
                .isInstanceOfSatisfying(OutputParseException.class, e -> {
                    assertThat(e.completions()).containsExactly("one", "two", "three");
                    assertThat(e.completion()).isEqualTo("three");
                    assertThat(e.getMessage()).startsWith("The reply for com.example.QA is not a JSON object: 'three'")
                            .endsWith("(after 3 attempts: predict, json_fallback, repair)");
                });
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void aFailedFallbackWithoutRepairsFailsWithBothCompletions() {
        server.enqueue(Reply.text("Paris"), Reply.text("{\"answer\": 42}"));
        Signet noRepairs = signet.toBuilder().parseRepairs(0).build();

        assertThatThrownBy(() -> qa(noRepairs).call(question("q")))
                .isInstanceOfSatisfying(OutputParseException.class, e -> {
                    assertThat(e.completions()).containsExactly("Paris", "{\"answer\": 42}");
                    assertThat(e.getMessage()).isEqualTo("Output field `answer` of com.example.QA could not be "
                            + "parsed: at `answer`: expected str, got 42 (after 2 attempts: predict, json_fallback)");
                });
    }

    @Test
    void aFailedRepairAfterAJsonAdapterCallFailsWithTheTypedException() {
        Signet json = signet.toBuilder().adapter(new dev.signet.adapter.JsonAdapter()).build();
        server.enqueue(Reply.text("{}"), Reply.text("{\"answer\": 42}"));

        assertThatThrownBy(() -> qa(json).call(question("q")))
                .isInstanceOfSatisfying(OutputParseException.class, e -> {
                    assertThat(e.completions()).containsExactly("{}", "{\"answer\": 42}");
                    assertThat(e.getMessage()).contains("expected str, got 42")
                            .endsWith("(after 2 attempts: predict, repair)");
                });
    }

    @Test
    void theJsonAdapterCanBeTheHandlesAdapter() {
        server.enqueue(Reply.text("{\"feeling\": \"SADNESS\", \"confidence\": 0.25, \"intensity\": 2, "
                + "\"count\": 1, \"sarcastic\": true, \"keywords\": [\"rain\"], \"note\": \"grey\"}"));
        Signet json = signet.toBuilder().adapter(new dev.signet.adapter.JsonAdapter()).build();
        TypedPredictor<Outputs> predictor = TypedPredictor.create(json, EMOTION, o -> o);

        Prediction<Outputs> prediction = predictor.predict(Map.of("sentence", "It rains again."));

        assertThat(prediction.outputs().asMap()).containsEntry("feeling", Feeling.SADNESS)
                .containsEntry("sarcastic", true).containsEntry("keywords", List.of("rain"));
        assertThat(prediction.attempts()).hasSize(1);
        assertThat(server.lastRequest().json().at("/response_format/json_schema/schema/required").toString())
                .isEqualTo("[\"feeling\",\"confidence\",\"intensity\",\"count\",\"sarcastic\",\"keywords\",\"note\"]");
        assertThat(server.lastRequest().messages().get(0).content()).contains(
                "Outputs will be a JSON object with the following fields.\n\n{\n  \"feeling\": \"{feeling}        "
                        + "# note: the value you produce must be one of: JOY; SADNESS\",\n  \"confidence\": ");
    }

    @Test
    void theTemplateFilledWithTheInputsIsThePreviewByteForByte() {
        SignatureDescription every = SignatureDescription.builder("Every")
                .input("text", "", FieldType.STRING)
                .input("count", "", FieldType.INT)
                .input("ratio", "", FieldType.DOUBLE)
                .input("flag", "", FieldType.BOOLEAN)
                .input("amount", "", FieldType.DECIMAL)
                .input("day", "", FieldType.DATE)
                .input("feeling", "", FieldType.enumOf(Feeling.class, Feeling.values()))
                .input("tags", "", FieldType.setOf(FieldType.STRING))
                .input("scores", "", FieldType.mapOf(FieldType.listOf(FieldType.DOUBLE)))
                .input("maybe", "", FieldType.optionalOf(FieldType.INT))
                .output("answer", "", FieldType.STRING)
                .build();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("text", "Zoë said \"hi\"\n");
        inputs.put("count", 3);
        inputs.put("ratio", 0.1);
        inputs.put("flag", true);
        inputs.put("amount", new java.math.BigDecimal("10.50"));
        inputs.put("day", java.time.LocalDate.of(2026, 11, 25));
        inputs.put("feeling", Feeling.JOY);
        inputs.put("tags", new java.util.LinkedHashSet<>(List.of("a", "b")));
        inputs.put("scores", Map.of("x", List.of(1.0, 2.5)));
        inputs.put("maybe", java.util.Optional.empty());
        TypedPredictor<String> predictor = TypedPredictor.create(signet, every, o -> ((String) o.get("answer")));

        List<dev.signet.lm.Message> template = predictor.template();
        List<dev.signet.lm.Message> preview = predictor.preview(inputs);

        String filled = template.get(template.size() - 1).content();
        for (Field input : every.inputs()) {
            filled = filled.replace("{{" + input.name() + "}}",
                    dev.signet.internal.PythonValues.format(inputs.get(input.name()), input.type()));
        }
        assertThat(filled).isEqualTo(preview.get(preview.size() - 1).content())
                .contains("[[ ## scores ## ]]\n{\"x\": [1.0, 2.5]}\n\n[[ ## maybe ## ]]\nNone");
        assertThat(template.get(0)).isEqualTo(preview.get(0));
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void theAsyncFormFailsItsFutureWithTheTypedException() {
        server.enqueue(Reply.error(400, "model not found"));

        CompletableFuture<String> answer = qa(signet).callAsync(question("q"));

        assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(LanguageModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.BAD_REQUEST));
    }

    @Test
    void theBlockingFormRetriesPerTheSdkPolicyAndThrowsTheTypedExceptionUnwrapped() {
        Reply limited = Reply.error(429, "Rate limit reached").withHeader("retry-after-ms", "5");
        server.enqueue(limited, limited, limited);

        assertThatThrownBy(() -> qa(signet).call(question("q")))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.RATE_LIMIT);
                    assertThat(e.getMessage()).contains("HTTP 429 after 3 attempt(s)");
                });
        assertThat(server.requestCount()).isEqualTo(3);

        server.enqueue(Reply.error(500, "boom").withHeader("retry-after-ms", "5"), Reply.fields("answer", "ok"));
        assertThat(qa(signet).call(question("q"))).isEqualTo("ok");
    }

    @Test
    void theAsyncFormAnswersWithoutBlockingTheCaller() throws Exception {
        server.enqueue(Reply.fields("answer", "Paris").withLatency(java.time.Duration.ofMillis(200)));

        CompletableFuture<Prediction<String>> pending = qa(signet).predictAsync(question("capital of France?"));

        assertThat(pending).isNotDone();
        assertThat(pending.get(10, TimeUnit.SECONDS).output()).isEqualTo("Paris");
    }

    @Test
    void missingOrUnknownInputsAreRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> qa(signet).call(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("com.example.QA: no value for the input field(s) [question]");
        assertThatThrownBy(() -> qa(signet).call(Map.of("question", "q", "context", "c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown input field(s) [context]");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void handleOptionsReachTheRequestAndCopiesLeaveTheOriginalAlone() {
        Signet cold = signet.withOptions(LmOptions.DEFAULTS.withTemperature(0.0).withMaxTokens(100));
        server.respondWith(request -> Reply.fields("answer", "ok"));

        qa(cold).call(question("q"));
        assertThat(server.lastRequest().json().get("temperature").asDouble()).isEqualTo(0.0);
        qa(signet).call(question("q"));
        assertThat(server.lastRequest().json().has("temperature")).isFalse();
        assertThat(signet.options()).isEqualTo(LmOptions.DEFAULTS);
    }

    /** A language model of the user's own, which holds a resource. */
    private static final class ClosableModel implements dev.signet.lm.LanguageModel, AutoCloseable {
        boolean closed;

        @Override
        public CompletableFuture<dev.signet.lm.Completion> complete(dev.signet.lm.LmRequest request) {
            return CompletableFuture.completedFuture(new dev.signet.lm.Completion(
                    "[[ ## answer ## ]]\nown", "own-model", dev.signet.lm.Usage.ZERO, "stop"));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void anyLanguageModelPlugsInAndClosingTheHandleClosesIt() {
        ClosableModel own = new ClosableModel();
        Signet handle = Signet.builder().languageModel(own).build();

        assertThat(qa(handle).predict(question("q")).model()).isEqualTo("own-model");
        handle.withOptions(LmOptions.DEFAULTS.withTemperature(1.0)).close();
        assertThat(own.closed).isTrue();
    }

    @Test
    void aHandleWithoutALanguageModelSaysHowToConfigureOne() {
        assertThatThrownBy(() -> Signet.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Signet.fromEnv()");
    }

    /** One predictor shared by 64 threads, 2,000 calls: every caller gets the answer to its own question. */
    @Test
    void oneSharedPredictorAnswersEveryCallerWithItsOwnAnswer() throws Exception {
        Pattern token = Pattern.compile("token-(\\d+)");
        server.respondWith(request -> {
            Matcher matcher = token.matcher(request.lastUserMessage());
            if (!matcher.find()) {
                return Reply.error(400, "no token");
            }
            return Reply.fields("answer", "echo-" + matcher.group(1));
        });
        TypedPredictor<String> shared = qa(signet);
        ExecutorService threads = Executors.newFixedThreadPool(64);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int id = i;
                results.add(threads.submit(() -> shared.call(question("Repeat token-" + id + " please"))
                        .equals("echo-" + id)));
            }
            int correct = 0;
            for (Future<Boolean> result : results) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    correct++;
                }
            }
            assertThat(correct).isEqualTo(2000);
            assertThat(server.requestCount()).isEqualTo(2000);
        } finally {
            threads.shutdownNow();
        }
    }
}
