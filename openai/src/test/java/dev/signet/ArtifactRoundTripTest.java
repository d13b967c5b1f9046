package dev.signet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapter.JsonAdapter;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.FieldType;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.RecordedRequest;
import dev.signet.testing.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every module and composition, through either adapter: a tuned predictor's artifacts, written and loaded into a
 * new handle, make the very requests the tuned predictor made, byte for byte.
 */
class ArtifactRoundTripTest {
    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .instructions("Answer questions with short factoid answers.")
            .input("question", "a trivia question", FieldType.STRING)
            .output("answer", "often between 1 and 5 words", FieldType.STRING)
            .build();
    private static final Reward SHORT = (inputs, outputs) -> ((String) outputs.get("answer")).length() <= 6 ? 1 : 0.2;

    record LookupArgs(String topic) {}

    private static final Tool LOOKUP = Tool.of("lookup", "Look a topic up.",
            FieldType.recordOf(LookupArgs.class, List.of(new FieldType.Component("topic", "", FieldType.STRING)),
                    v -> new LookupArgs((String) v.get(0)), a -> List.of(a.topic())),
            (LookupArgs args) -> "Dune is by Frank Herbert.");

    /** Answers whatever the request asks for, in the format its system message describes. */
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(request -> {
        String system = request.messages().get(0).content();
        Map<String, String> fields = new LinkedHashMap<>();
        if (system.contains("`next_thought`")) {
            boolean first = !request.lastUserMessage().contains("thought_0");
            fields.put("next_thought", first ? "Look it up." : "Done.");
            fields.put("next_tool_name", first ? "lookup" : "finish");
            fields.put("next_tool_args", first ? "{\"topic\": \"Dune\"}" : "{}");
        } else {
            if (system.contains("`reasoning`")) {
                fields.put("reasoning", "Dune's author is Herbert.");
            }
            fields.put("answer", request.json().path("seed").asLong(0) == 1 ? "Herbert" : "Frank Herbert, the author");
        }
        if (system.contains("JSON object")) {
            StringBuilder json = new StringBuilder("{");
            fields.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": \"")
                    .append(v.replace("\"", "\\\"")).append('"'));
            return Reply.text(json.append('}').toString());
        }
        return Reply.fields(fields.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new));
    });
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("m").build();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    static Stream<Arguments> modules() {
        return Stream.of(
                Arguments.of(Module.predict(), "Predict"),
                Arguments.of(Module.chainOfThought(), "ChainOfThought"),
                Arguments.of(Module.bestOfN(3, SHORT, 1), "BestOfN(Predict)"),
                Arguments.of(Module.refine(3, SHORT, 1), "Refine(Predict)"),
                Arguments.of(Module.chainOfThought().thenRefine(3, SHORT, 1), "Refine(ChainOfThought)"),
                Arguments.of(Module.react(3, LOOKUP), "ReAct"));
    }

    private static final PromptState TUNED = new PromptState("Answer in as few words as you can.",
            List.of(Map.of("question", "Who wrote Emma?", "answer", "Austen")));

    @ParameterizedTest(name = "{1}, ChatAdapter")
    @MethodSource("modules")
    void throughTheChatAdapter(Module module, String description) throws Exception {
        roundTrip(Signet.builder().languageModel(lm).build(), module, description, "ChatAdapter");
    }

    @ParameterizedTest(name = "{1}, JsonAdapter")
    @MethodSource("modules")
    void throughTheJsonAdapter(Module module, String description) throws Exception {
        roundTrip(Signet.builder().languageModel(lm).adapter(new JsonAdapter()).build(), module, description,
                "JsonAdapter");
    }

    private void roundTrip(Signet base, Module module, String description, String adapter) throws Exception {
        Map<String, PromptState> tuned = Map.of("com.example.QA", TUNED, "com.example.QA.react",
                new PromptState("Use the tools.", List.of()), "com.example.QA.extract",
                new PromptState("Extract the answer.", List.of()));
        TraceRecorder trace = new TraceRecorder();
        Predictor optimized = Predictor.of(base.withPrompts(tuned).withListener(trace), QA, module);
        optimized.predict(Map.of("question", "Who wrote Dune?"));
        List<String> sent = bodies(server.requests());

        // What an optimizer ships: the artifact of every predictor the run called (a ReAct's are its steps').
        for (PredictorCall call : trace.calls()) {
            if (!(call.predictor().module() instanceof ReAct)) {
                PromptArtifact artifact = call.predictor().toArtifact(Map.of("optimizer", "test"));
                assertThat(artifact.adapter()).isEqualTo(adapter);
                artifact.write(dir.resolve(artifact.predictor() + ".json"));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(module instanceof ReAct ? 2 : 1);
        }
        if (!(module instanceof ReAct)) {
            assertThat(PromptArtifact.read(dir.resolve("com.example.QA.json")).module()).isEqualTo(description);
        }

        int before = server.requestCount();
        Predictor shipped = Predictor.of(base.withArtifactsFrom(dir), QA, module);
        shipped.predict(Map.of("question", "Who wrote Dune?"));

        List<String> again = bodies(server.requests().subList(before, server.requestCount()));
        if (module instanceof BestOfN) {
            assertThat(again).containsExactlyInAnyOrderElementsOf(sent); // its attempts run concurrently
        } else {
            assertThat(again).isEqualTo(sent);
        }
        assertThat(sent).isNotEmpty().allSatisfy(body -> assertThat(body).doesNotContain("Answer questions with short"));
    }

    /** Each request's messages and response format, as the server received them. */
    private static List<String> bodies(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.json().get("messages").toString() + " "
                + r.json().path("response_format") + " " + r.json().path("seed")).toList();
    }
}
