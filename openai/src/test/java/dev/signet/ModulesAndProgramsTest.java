package dev.signet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.RecordedRequest;
import dev.signet.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Strategies, names and prompt states, traces, and programs mixing models, through the SDK and loopback server. */
class ModulesAndProgramsTest {
    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .instructions("Answer questions with short factoid answers.")
            .input("question", "", FieldType.STRING)
            .output("answer", "often between 1 and 5 words", FieldType.STRING)
            .build();
    private static final SignatureDescription QUERY = SignatureDescription.builder("com.example.GenerateQuery")
            .instructions("Write a search query for the question.")
            .input("question", "", FieldType.STRING)
            .output("query", "", FieldType.STRING)
            .build();
    private static final SignatureDescription ANSWER = SignatureDescription.builder("com.example.AnswerFromContext")
            .instructions("Answer the question from the context.")
            .input("question", "", FieldType.STRING)
            .input("context", "", FieldType.listOf(FieldType.STRING))
            .output("answer", "", FieldType.STRING)
            .build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("small-model").build();
    private final Signet signet = Signet.builder().languageModel(lm).build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private static Map<String, Object> question(String text) {
        return Map.of("question", text);
    }

    @Test
    void chainOfThoughtAddsDspysReasoningFieldFirstAndReturnsOnlyTheDeclaredOutput() {
        server.enqueue(Reply.fields("reasoning", "Dune's author is Frank Herbert.", "answer", "Frank Herbert"));
        TypedPredictor<String> cot = TypedPredictor.create(signet, QA, o -> ((String) o.get("answer")), Module.chainOfThought());

        Prediction<String> prediction = cot.predict(question("Who wrote Dune?"));

        assertThat(prediction.output()).isEqualTo("Frank Herbert");
        assertThat(prediction.reasoning()).contains("Dune's author is Frank Herbert.");
        RecordedRequest request = server.lastRequest();
        assertThat(request.messages().get(0).content()).isEqualTo(String.join("\n",
                "Your input fields are:",
                "1. `question` (str):",
                "Your output fields are:",
                "1. `reasoning` (str): ",
                "2. `answer` (str): often between 1 and 5 words",
                "All interactions will be structured in the following way, with the appropriate values filled in.",
                "",
                "[[ ## question ## ]]",
                "{question}",
                "",
                "[[ ## reasoning ## ]]",
                "{reasoning}",
                "",
                "[[ ## answer ## ]]",
                "{answer}",
                "",
                "[[ ## completed ## ]]",
                "In adhering to this structure, your objective is: ",
                "        Answer questions with short factoid answers."));
        assertThat(request.lastUserMessage()).endsWith("Respond with the corresponding output fields, starting with "
                + "the field `[[ ## reasoning ## ]]`, then `[[ ## answer ## ]]`, and then ending with the marker for "
                + "`[[ ## completed ## ]]`.");
        assertThat(cot.name()).isEqualTo("com.example.QA");
    }

    /** Rewards answers by their length: the shortest is best. */
    private static final Reward SHORT = (inputs, outputs) -> 1.0 / ((String) outputs.get("answer")).length();

    @Test
    void bestOfNRunsNAttemptsWithDistinctSeedsAndPicksTheBestScored() {
        server.respondWith(request -> {
            long seed = request.json().get("seed").asLong();
            return Reply.fields("answer", seed == 1 ? "Paris" : "Paris, the capital of France, seed " + seed);
        });
        TypedPredictor<String> best = TypedPredictor.create(signet, QA, o -> ((String) o.get("answer")),
                Module.bestOfN(3, SHORT, 0.5));

        Prediction<String> prediction = best.predict(question("Capital of France?"));

        assertThat(prediction.output()).isEqualTo("Paris");
        assertThat(server.requests()).extracting(r -> r.json().get("seed").asLong())
                .containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.json().get("temperature").asDouble()).isEqualTo(1.0));
        assertThat(prediction.attempts()).hasSize(3);
        assertThat(prediction.attempts()).extracting(Attempt::reward).allSatisfy(r -> assertThat(r).isNotNull());
        assertThat(prediction.attempts().get(1).reward()).isEqualTo(0.2);
        assertThat(prediction.usage().totalTokens())
                .isEqualTo(prediction.attempts().stream().mapToLong(a -> a.completion().usage().totalTokens()).sum())
                .isGreaterThan(prediction.completion().usage().totalTokens());
    }

    @Test
    void bestOfNSkipsFailedAttemptsAndFailsOnlyWhenAllFail() {
        server.respondWith(request -> request.json().get("seed").asLong() == 2
                ? Reply.fields("answer", "Rome")
                : Reply.error(400, "rejected"));
        TypedPredictor<String> best = TypedPredictor.create(signet, QA, o -> ((String) o.get("answer")),
                Module.bestOfN(3, SHORT, 0.9));

        assertThat(best.call(question("Capital of Italy?"))).isEqualTo("Rome");

        server.respondWith(request -> Reply.error(400, "rejected"));
        assertThatThrownBy(() -> best.call(question("Capital of Italy?")))
                .isInstanceOf(dev.signet.lm.LanguageModelException.class);
    }

    @Test
    void refinePassesAdviceFromTheFailedAttemptIntoTheNext() {
        server.enqueue(Reply.fields("answer", "It is Paris, the capital city of France"),
                Reply.fields("answer", "Paris"));
        Reward shortEnough = (inputs, outputs) -> ((String) outputs.get("answer")).length() <= 5 ? 1.0 : 0.25;
        TypedPredictor<String> refine = TypedPredictor.create(signet, QA, o -> ((String) o.get("answer")),
                Module.refine(3, shortEnough, 0.5));

        Prediction<String> prediction = refine.predict(question("Capital of France?"));

        assertThat(prediction.output()).isEqualTo("Paris");
        assertThat(server.requestCount()).isEqualTo(2);
        RecordedRequest first = server.requests().get(0);
        RecordedRequest second = server.requests().get(1);
        assertThat(first.messages().get(0).content()).doesNotContain("hint_");
        assertThat(second.messages().get(0).content())
                .contains("2. `hint_` (str): A hint to the module from an earlier run");
        assertThat(second.lastUserMessage()).contains("[[ ## hint_ ## ]]\nAn earlier attempt answered "
                + "answer = It is Paris, the capital city of France, which scored 0.25, below the required 0.5. "
                + "Give a better answer.");
        assertThat(second.json().get("seed").asLong()).isEqualTo(1);
        assertThat(prediction.attempts()).extracting(Attempt::reward).containsExactly(0.25, 1.0);
    }

    @Test
    void refineStopsAtTheAttemptLimitAndReturnsTheBestScored() {
        server.enqueue(Reply.fields("answer", "Paris, France"), Reply.text("garbled"), Reply.text("still garbled"),
                Reply.text("garbled again"), Reply.fields("answer", "The city of Paris, France"));
        Signet handle = signet.toBuilder().parseRepairs(1).build();
        TypedPredictor<String> refine = TypedPredictor.create(handle, QA, o -> ((String) o.get("answer")),
                Module.refine(3, SHORT, 0.5));

        Prediction<String> prediction = refine.predict(question("Capital of France?"));

        assertThat(prediction.output()).isEqualTo("Paris, France");
        assertThat(server.requestCount()).isEqualTo(5);
        assertThat(server.requests().get(4).lastUserMessage()).contains("[[ ## hint_ ## ]]\nAn earlier attempt failed: ");
    }

    record SearchArgs(String query) {}

    record AddArgs(int a, int b) {}

    private static final Tool SEARCH = Tool.of("search", "Look a topic up in the encyclopedia.",
            FieldType.recordOf(SearchArgs.class,
                    List.of(new FieldType.Component("query", "what to look up", FieldType.STRING)),
                    v -> new SearchArgs((String) v.get(0)), a -> List.of(a.query())),
            (SearchArgs args) -> {
                if (args.query().isBlank()) {
                    throw new IllegalArgumentException("empty query");
                }
                return "Dune was published in 1965.";
            });
    private static final Tool ADD = Tool.of("add", "Add two integers.",
            FieldType.recordOf(AddArgs.class,
                    List.of(new FieldType.Component("a", "", FieldType.INT), new FieldType.Component("b", "", FieldType.INT)),
                    v -> new AddArgs((Integer) v.get(0), (Integer) v.get(1)), a -> List.of(a.a(), a.b())),
            (AddArgs args) -> args.a() + args.b());

    private static Reply step(String thought, String tool, String args) {
        return Reply.fields("next_thought", thought, "next_tool_name", tool, "next_tool_args", args);
    }

    @Test
    void nativeReactSendsTheToolsAsFunctionsRunsTwoParallelCallsAndParsesTheTextAnswer() {
        server.enqueue(Reply.toolCalls("search", "{\"query\": \"Dune\"}", "add", "{\"a\": 1965, \"b\": 60}"),
                Reply.fields("answer", "2025"));
        TypedPredictor<String> agent = TypedPredictor.create(signet, QA, o -> ((String) o.get("answer")),
                Module.reactNative(5, SEARCH, ADD));

        Prediction<String> prediction = agent.predictAsync(question("What year is 60 years after Dune came out?"))
                .join();

        assertThat(prediction.output()).isEqualTo("2025");
        assertThat(prediction.trajectory()).extracting(ToolStep::tool, ToolStep::observation).containsExactly(
                org.assertj.core.groups.Tuple.tuple("search", "Dune was published in 1965."),
                org.assertj.core.groups.Tuple.tuple("add", "2025"));
        assertThat(prediction.trajectory().get(1).arguments()).containsEntry("a", 1965);

        JsonNode first = server.requests().get(0).json();
        assertThat(first.path("parallel_tool_calls").asBoolean()).isTrue();
        assertThat(first.path("tools")).hasSize(2);
        JsonNode search = first.path("tools").path(0);
        assertThat(search.path("type").asText()).isEqualTo("function");
        assertThat(search.path("function").path("name").asText()).isEqualTo("search");
        assertThat(search.path("function").path("description").asText()).isEqualTo("Look a topic up in the encyclopedia.");
        assertThat(search.path("function").path("parameters").path("properties").path("query").path("type").asText())
                .isEqualTo("string");
        assertThat(first.path("messages")).hasSize(2);
        assertThat(server.requests().get(0).lastUserMessage()).isEqualTo(agent.preview(
                question("What year is 60 years after Dune came out?")).get(1).content());

        JsonNode messages = server.requests().get(1).json().path("messages");
        assertThat(messages).hasSize(5);
        JsonNode calls = messages.path(2).path("tool_calls");
        assertThat(messages.path(2).path("role").asText()).isEqualTo("assistant");
        assertThat(calls).hasSize(2);
        assertThat(calls.path(1).path("function").path("name").asText()).isEqualTo("add");
        assertThat(calls.path(1).path("function").path("arguments").asText()).isEqualTo("{\"a\": 1965, \"b\": 60}");
        assertThat(messages.path(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.path(3).path("tool_call_id").asText()).isEqualTo(calls.path(0).path("id").asText());
        assertThat(messages.path(3).path("content").asText()).isEqualTo("Dune was published in 1965.");
        assertThat(messages.path(4).path("tool_call_id").asText()).isEqualTo(calls.path(1).path("id").asText());
        assertThat(messages.path(4).path("content").asText()).isEqualTo("2025");
        assertThat(server.requests().get(1).json().path("tools")).hasSize(2);
        assertThat(prediction.attempts()).hasSize(2);
    }

    @Test
    void aGeneratedPredictorRunsNativeReactThroughTheSdk() {
        server.enqueue(Reply.toolCalls("search", "{\"query\": \"Dune\"}"), Reply.fields("answer", "1965"));
        Almanac almanac = AlmanacPredictor.create(signet, Module.reactNative(3, SEARCH, ADD));

        assertThat(almanac.answer("When was Dune published?")).isEqualTo("1965");
        assertThat(server.requests().get(0).json().path("tools")).hasSize(2);
        assertThat(server.lastRequest().json().path("messages").path(3).path("content").asText())
                .isEqualTo("Dune was published in 1965.");
    }

    @Test
    void nativeReactAsksForTheOutputsWithoutToolsAfterItsLastStepAndReportsBadArguments() {
        server.enqueue(Reply.toolCalls("add", "{\"a\": \"one\", \"b\": 2}"), Reply.fields("answer", "unknown"));
        Prediction<Outputs> prediction = Predictor.of(signet, QA, Module.reactNative(1, SEARCH, ADD))
                .predict(question("What is one plus two?"));

        assertThat(prediction.outputs().get("answer")).isEqualTo("unknown");
        assertThat(prediction.trajectory().get(0).observation()).startsWith("Execution error in add: ");
        assertThat(server.lastRequest().lastUserMessage()).isEqualTo(NativeReAct.OUT_OF_STEPS);

        server.enqueue(Reply.toolCalls("search", "{\"query\": \"a\"}"), Reply.toolCalls("search", "{\"query\": \"b\"}"));
        assertThatThrownBy(() -> Predictor.of(signet, QA, Module.reactNative(1, SEARCH)).predict(question("q")))
                .isInstanceOf(dev.signet.adapter.OutputParseException.class)
                .hasMessageContaining("after it was told to call no more tools (1 tool calls made)");
        assertThat(Module.signatureOf("ReAct(native)", QA)).contains(QA);
    }

    @Test
    void nativeReactThroughTheResponsesApiSendsFunctionToolsAndFunctionCallOutputs() {
        server.enqueue(Reply.toolCalls("search", "{\"query\": \"Dune\"}"), Reply.fields("answer", "1965"));
        try (OpenAiLanguageModel responses = OpenAiLanguageModel.builder().apiKey("k").baseUrl(server.baseUrl())
                .api(OpenAiLanguageModel.Api.RESPONSES).build()) {
            Prediction<Outputs> prediction = Predictor.of(Signet.builder().languageModel(responses).build(), QA,
                    Module.reactNative(3, SEARCH)).predict(question("When was Dune published?"));

            assertThat(prediction.outputs().get("answer")).isEqualTo("1965");
            assertThat(prediction.trajectory()).extracting(ToolStep::observation)
                    .containsExactly("Dune was published in 1965.");
            JsonNode tool = server.requests().get(0).json().path("tools").path(0);
            assertThat(tool.path("type").asText()).isEqualTo("function");
            assertThat(tool.path("name").asText()).isEqualTo("search");
            assertThat(tool.path("parameters").path("properties").path("query").path("type").asText())
                    .isEqualTo("string");
            JsonNode input = server.lastRequest().json().path("input");
            assertThat(input).hasSize(4);
            assertThat(input.path(2).path("type").asText()).isEqualTo("function_call");
            assertThat(input.path(2).path("name").asText()).isEqualTo("search");
            assertThat(input.path(3).path("type").asText()).isEqualTo("function_call_output");
            assertThat(input.path(3).path("call_id").asText()).isEqualTo(input.path(2).path("call_id").asText());
            assertThat(input.path(3).path("output").asText()).isEqualTo("Dune was published in 1965.");
        }
    }

    @Test
    void reactStreamsItsExtractStepAfterTheToolSteps() {
        server.enqueue(step("I need the year.", "search", "{\"query\": \"Dune\"}"),
                step("I know the answer.", "finish", "{}"),
                Reply.fields("reasoning", "Dune came out in 1965, and 1965 + 60 = 2025.", "answer",
                        "The year 2025, sixty years after 1965").streamed(4, java.time.Duration.ZERO));
        Predictor agent = Predictor.of(signet, QA, Module.react(5, SEARCH, ADD));
        List<String> done = new java.util.ArrayList<>();
        List<String> answers = new java.util.ArrayList<>();

        Prediction<Outputs> prediction = agent.stream(question("What year is 60 years after Dune came out?"))
                .forEach(event -> {
                    if (event.fieldDone()) {
                        done.add(event.field().orElseThrow());
                    } else if (event.field().orElse("").equals("answer")) {
                        answers.add((String) event.outputs().get("answer"));
                    }
                }).join();

        assertThat(prediction.outputs().get("answer")).isEqualTo("The year 2025, sixty years after 1965");
        assertThat(prediction.trajectory()).extracting(ToolStep::tool).containsExactly("search", "finish");
        assertThat(done).containsExactly("reasoning", "answer");
        assertThat(answers).hasSizeGreaterThan(3).allMatch("The year 2025, sixty years after 1965"::startsWith);
        assertThat(server.requests()).extracting(r -> r.json().path("stream").asBoolean(false))
                .containsExactly(false, false, true); // the tool steps whole, the extract streamed
    }

    @Test
    void reactCallsTwoToolsFinishesAndExtractsTheAnswer() {
        server.enqueue(step("I need the year.", "search", "{\"query\": \"Dune\"}"),
                step("Add 60 to it.", "add", "{\"a\": 1965, \"b\": 60}"),
                step("I know the answer.", "finish", "{}"),
                Reply.fields("reasoning", "1965 + 60 = 2025.", "answer", "2025"));
        TypedPredictor<String> agent = TypedPredictor.create(signet, QA, o -> ((String) o.get("answer")),
                Module.react(5, SEARCH, ADD));

        Prediction<String> prediction = agent.predict(question("What year is 60 years after Dune came out?"));

        assertThat(prediction.output()).isEqualTo("2025");
        assertThat(prediction.trajectory()).extracting(ToolStep::tool, ToolStep::observation).containsExactly(
                org.assertj.core.groups.Tuple.tuple("search", "Dune was published in 1965."),
                org.assertj.core.groups.Tuple.tuple("add", "2025"),
                org.assertj.core.groups.Tuple.tuple("finish", "Completed."));
        assertThat(prediction.attempts()).hasSize(4);
        RecordedRequest first = server.requests().get(0);
        String system = first.messages().get(0).content();
        assertThat(system).contains("1. `question` (str): ", "2. `trajectory` (str):",
                "1. `next_thought` (str): ", "2. `next_tool_name` (Literal['search', 'add', 'finish']): ",
                "3. `next_tool_args` (dict[str, Any]):",
                "{next_tool_args}        # note: the value you produce must adhere to the JSON schema: "
                        + "{\"type\": \"object\", \"additionalProperties\": true}",
                "{next_tool_name}        # note: the value you produce must exactly match (no extra characters) one "
                        + "of: search; add; finish",
                "        (1) search, whose description is <desc>Look a topic up in the encyclopedia.</desc>. It takes "
                        + "arguments {'query': {'type': 'string', 'description': 'what to look up'}}.",
                "        (2) add, whose description is <desc>Add two integers.</desc>. It takes arguments "
                        + "{'a': {'type': 'integer'}, 'b': {'type': 'integer'}}.",
                "        (3) finish, whose description is <desc>Marks the task as complete. That is, signals that all "
                        + "information for producing the outputs, i.e. `answer`, are now available to be "
                        + "extracted.</desc>. It takes arguments {}.",
                "        When providing `next_tool_args`, the value inside the field must be in JSON format");
        String third = server.requests().get(2).lastUserMessage();
        assertThat(third).contains("[[ ## trajectory ## ]]\n[[ ## thought_0 ## ]]\nI need the year.\n\n"
                + "[[ ## tool_name_0 ## ]]\nsearch\n\n[[ ## tool_args_0 ## ]]\n{\"query\": \"Dune\"}\n\n"
                + "[[ ## observation_0 ## ]]\nDune was published in 1965.\n\n[[ ## thought_1 ## ]]");
        String extract = server.lastRequest().messages().get(0).content();
        assertThat(extract).contains("1. `reasoning` (str): ", "2. `answer` (str): often between 1 and 5 words");
    }

    @Test
    void aToolThatThrowsBecomesAnObservationAndTheStepLimitEndsTheLoop() {
        server.enqueue(step("Search nothing.", "search", "{\"query\": \" \"}"),
                step("Bad arguments.", "add", "{\"a\": \"one\"}"),
                Reply.fields("reasoning", "No luck.", "answer", "unknown"));
        TraceRecorder trace = new TraceRecorder();
        TypedPredictor<String> agent = TypedPredictor.create(signet.withListener(trace), QA, o -> ((String) o.get("answer")),
                Module.react(2, SEARCH, ADD));

        Prediction<String> prediction = agent.predict(question("q"));

        assertThat(prediction.output()).isEqualTo("unknown");
        assertThat(prediction.trajectory()).extracting(ToolStep::observation).containsExactly(
                "Execution error in search: IllegalArgumentException: empty query",
                "Execution error in add: MismatchException: at `a`: expected an int, got \"one\"");
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(trace.calls()).extracting(PredictorCall::predictorName).containsExactly(
                "com.example.QA.react", "com.example.QA.react", "com.example.QA.extract", "com.example.QA");
    }

    @Test
    void chainOfThoughtRefusesASignatureThatAlreadyHasAReasoningField() {
        SignatureDescription clash = SignatureDescription.builder("Clash")
                .input("reasoning", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

        assertThatThrownBy(() -> TypedPredictor.create(signet, clash, o -> o, Module.chainOfThought()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rename the field");
    }

    @Test
    void aPredictorUsesThePromptStateTheHandleHoldsForItsName() {
        server.respondWith(request -> Reply.fields("answer", "ok"));
        PromptState tuned = new PromptState("Answer in one word.",
                List.of(Map.of("question", "Capital of Italy?", "answer", "Rome")));
        Signet optimized = signet.withPrompt("second", tuned);

        TypedPredictor.create(optimized, QA, o -> ((String) o.get("answer"))).call(question("q1"));
        RecordedRequest unnamed = server.lastRequest();
        TypedPredictor.create(optimized, QA, o -> ((String) o.get("answer"))).named("second").call(question("q2"));
        RecordedRequest named = server.lastRequest();

        assertThat(unnamed.messages()).hasSize(2);
        assertThat(unnamed.messages().get(0).content()).endsWith("Answer questions with short factoid answers.");
        assertThat(named.messages()).extracting(RecordedRequest.ChatMessage::role)
                .containsExactly("system", "user", "assistant", "user");
        assertThat(named.messages().get(0).content()).endsWith("        Answer in one word.");
        assertThat(named.messages().get(1).content()).isEqualTo("[[ ## question ## ]]\nCapital of Italy?");
        assertThat(named.messages().get(2).content()).isEqualTo("[[ ## answer ## ]]\nRome\n\n[[ ## completed ## ]]\n");
    }

    @Test
    void aTraceRecordsEveryCallOfARunWithInputsOutputsUsageAndErrors() {
        server.enqueue(Reply.fields("query", "dune author").withUsage(10, 2),
                Reply.error(400, "bad request"));
        TraceRecorder trace = new TraceRecorder();
        Signet traced = signet.withListener(trace);

        TypedPredictor.create(traced, QUERY, o -> ((String) o.get("query"))).call(question("Who wrote Dune?"));
        assertThatThrownBy(() -> TypedPredictor.create(traced, QA, o -> ((String) o.get("answer"))).call(question("x")));

        assertThat(trace.calls()).hasSize(2);
        PredictorCall first = trace.calls().get(0);
        assertThat(first.predictorName()).isEqualTo("com.example.GenerateQuery");
        assertThat(first.inputs()).containsEntry("question", "Who wrote Dune?");
        assertThat(((String) first.outputs().get("query"))).isEqualTo("dune author");
        assertThat(first.usage().totalTokens()).isEqualTo(12);
        assertThat(first.model()).isEqualTo("small-model");
        assertThat(first.latency()).isPositive();
        PredictorCall second = trace.calls().get(1);
        assertThat(second.succeeded()).isFalse();
        assertThat(second.error()).isInstanceOf(dev.signet.lm.LanguageModelException.class);
        assertThat(second.outputs()).isNull();
    }

    @Test
    void aFailingListenerDoesNotBreakTheCall() {
        server.enqueue(Reply.fields("answer", "fine"));
        Signet noisy = signet.withListener(call -> {
            throw new IllegalStateException("listener bug");
        });

        assertThat(TypedPredictor.create(noisy, QA, o -> ((String) o.get("answer"))).call(question("q"))).isEqualTo("fine");
    }

    /** The two-stage program of the README: a query, a lookup in plain Java, an answer from the context. */
    static String searchAndAnswer(Signet signet, String question) {
        TypedPredictor<String> generateQuery = TypedPredictor.create(signet, QUERY, o -> ((String) o.get("query")));
        TypedPredictor<String> answer = TypedPredictor.create(signet, ANSWER, o -> ((String) o.get("answer")));
        String query = generateQuery.call(Map.of("question", question));
        List<String> context = List.of("Result for " + query);
        return answer.call(Map.of("question", question, "context", context));
    }

    @Test
    void interleavedAsyncRunsOnOneThreadRecordIntoTheirOwnTraces() {
        server.respondWith(request -> Reply.fields("answer", "echo " + request.lastUserMessage().split("\n")[1])
                .withLatency(java.time.Duration.ofMillis(20)));
        TraceRecorder first = new TraceRecorder();
        TraceRecorder second = new TraceRecorder();
        TypedPredictor<String> a = TypedPredictor.create(signet.withListener(first), QA, o -> ((String) o.get("answer")));
        TypedPredictor<String> b = TypedPredictor.create(signet.withListener(second), QA, o -> ((String) o.get("answer")));

        java.util.concurrent.CompletableFuture<String> runA = a.callAsync(question("a1"))
                .thenCompose(x -> a.callAsync(question("a2")));
        java.util.concurrent.CompletableFuture<String> runB = b.callAsync(question("b1"))
                .thenCompose(x -> b.callAsync(question("b2")));
        runA.join();
        runB.join();

        assertThat(first.calls()).extracting(c -> c.inputs().get("question")).containsExactly("a1", "a2");
        assertThat(second.calls()).extracting(c -> c.inputs().get("question")).containsExactly("b1", "b2");
    }

    @Test
    void thirtyTwoRunsOnOneHandleHalfWithAnotherModelKeepTheirOwnTracesAndModels() throws Exception {
        Pattern token = Pattern.compile("run-(\\d+)");
        server.respondWith(request -> {
            Matcher matcher = token.matcher(request.lastUserMessage());
            if (!matcher.find()) {
                return Reply.error(400, "no run token");
            }
            String run = matcher.group(1);
            String model = request.model();
            return request.messages().get(0).content().contains("`query`")
                    ? Reply.fields("query", "query-" + run + "-" + model)
                    : Reply.fields("answer", "answer-" + run + "-" + model);
        });
        OpenAiLanguageModel bigModel = OpenAiLanguageModel.builder()
                .apiKey("test").baseUrl(server.baseUrl()).model("big-model").build();
        Signet big = signet.withModel(bigModel);
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int run = i;
                Signet handle = run % 2 == 0 ? signet : big;
                runs.add(threads.submit(() -> {
                    TraceRecorder trace = new TraceRecorder();
                    String answer = searchAndAnswer(handle.withListener(trace), "question run-" + run);
                    List<String> seen = new ArrayList<>();
                    seen.add(answer);
                    for (PredictorCall call : trace.calls()) {
                        seen.add(call.predictorName() + ":" + call.inputs().get("question") + ":" + call.model());
                    }
                    return seen;
                }));
            }
            for (int i = 0; i < 32; i++) {
                String model = i % 2 == 0 ? "small-model" : "big-model";
                assertThat(runs.get(i).get(60, TimeUnit.SECONDS)).containsExactly(
                        "answer-" + i + "-" + model,
                        "com.example.GenerateQuery:question run-" + i + ":" + model,
                        "com.example.AnswerFromContext:question run-" + i + ":" + model);
            }
        } finally {
            threads.shutdownNow();
            bigModel.close();
        }
        assertThat(server.requestCount()).isEqualTo(64);
        assertThat(server.requests()).allSatisfy(request -> {
            Matcher matcher = token.matcher(request.lastUserMessage());
            assertThat(matcher.find()).isTrue();
            int run = Integer.parseInt(matcher.group(1));
            assertThat(request.model()).isEqualTo(run % 2 == 0 ? "small-model" : "big-model");
        });
        assertThat(server.requests()).filteredOn(r -> r.lastUserMessage().contains("[[ ## context ## ]]"))
                .allSatisfy(r -> assertThat(r.lastUserMessage()).contains("Result for query-"));
    }
}
