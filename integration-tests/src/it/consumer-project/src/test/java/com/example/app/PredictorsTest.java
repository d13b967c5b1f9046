package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.Prediction;
import dev.signet.Signet;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PredictorsTest {
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("it-key").baseUrl(server.baseUrl()).model("it-model").build();
    private final Signet signet = Signet.builder().languageModel(lm).build();

    @org.junit.jupiter.api.BeforeAll
    static void sayWhichJdk() {
        // verify.groovy checks this line to prove which JDK compiled and ran the project.
        System.out.println("signet-it java.specification.version=" + System.getProperty("java.specification.version"));
    }

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    @Test
    void stringOutput() {
        server.enqueue(Reply.fields("answer", "Paris"));
        Capital capital = CapitalPredictor.create(signet);

        assertEquals("Paris", capital.answer("What is the capital of France?"));
        String system = server.lastRequest().messages().get(0).content();
        assertTrue(system.startsWith("Your input fields are:\n1. `question` (str): a trivia question\n"), system);
        assertTrue(system.endsWith("your objective is: \n        Answer questions with short factoid answers."),
                system);
    }

    @Test
    void claudeGetsTheSamePromptThroughTheAnthropicSdk() {
        server.enqueue(Reply.fields("answer", "Paris"), Reply.fields("answer", "Paris"));
        try (dev.signet.anthropic.AnthropicLanguageModel claude = dev.signet.anthropic.AnthropicLanguageModel.builder()
                .apiKey("it-key").baseUrl(server.anthropicBaseUrl()).model("claude-it").build()) {
            Capital onClaude = CapitalPredictor.create(Signet.builder().languageModel(claude).build());
            Capital onOpenAi = CapitalPredictor.create(signet);

            assertEquals("Paris", onClaude.answer("What is the capital of France?"));
            List<dev.signet.testing.RecordedRequest.ChatMessage> claudeMessages = server.lastRequest().messages();
            assertEquals("Paris", onOpenAi.answer("What is the capital of France?"));
            assertEquals(server.lastRequest().messages(), claudeMessages, "one prompt, whichever the provider");
            assertEquals("/v1/messages", server.requests().get(0).path());
        }
    }

    @Test
    void enumOutput() throws Exception {
        server.enqueue(Reply.fields("classify", "NEGATIVE"));
        SentimentPredictor sentiment = SentimentPredictor.create(signet);

        assertEquals(Sentiment.Label.NEGATIVE, sentiment.classifyAsync("Broke after a day.").get());
        assertTrue(server.lastRequest().messages().get(0).content()
                .contains("{classify}        # note: the value you produce must be one of: POSITIVE; NEGATIVE; NEUTRAL"));
    }

    @Test
    void aPlanStreamsStepByStepAndEndsWithThePredictionPredictWouldReturn() {
        String reply = "[[ ## steps ## ]]\n[{\"title\": \"Draft\", \"priority\": \"high\", \"owners\": [], "
                + "\"cost\": 10.0}, {\"title\": \"Review\", \"priority\": \"low\", \"owners\": [], \"cost\": 2.5}]"
                + "\n\n[[ ## labels ## ]]\n[\"docs\"]\n\n[[ ## reviewer ## ]]\nNone\n\n[[ ## completed ## ]]";
        server.enqueue(Reply.text(reply).streamed(5, java.time.Duration.ZERO), Reply.text(reply));
        PlannerPredictor planner = PlannerPredictor.create(signet);
        List<Integer> stepsSoFar = new java.util.ArrayList<>();
        List<String> done = new java.util.ArrayList<>();

        Prediction<Planner.Plan> streamed = planner.planStream("Write the docs", java.math.BigDecimal.TEN,
                java.util.Optional.empty(), java.util.Map.of()).forEach(event -> {
                    if (event.field().orElse("").equals("steps") && event.partial().steps() != null) {
                        stepsSoFar.add(event.partial().steps().size());
                    }
                    if (event.fieldDone()) {
                        done.add(event.field().get());
                    }
                }).join();
        Planner.Plan whole = planner.plan("Write the docs", java.math.BigDecimal.TEN, java.util.Optional.empty(),
                java.util.Map.of());

        assertEquals(whole, streamed.output());
        assertEquals(List.of(1, 2), stepsSoFar.stream().distinct().toList(), "the steps come one by one, each typed");
        // the optional due, which the reply leaves out, is done too (empty) before the final event
        assertEquals(List.of("steps", "labels", "reviewer", "due"), done);
        assertTrue(server.requests().get(0).json().path("stream").asBoolean());
    }

    @Test
    void nestedRecordsCollectionsDecimalsDatesAndOptionalsRoundTrip() {
        server.enqueue(Reply.fields(
                "steps", "```json\n[{\"title\": \"Draft\", \"priority\": \"high\", \"owners\": "
                        + "[{\"name\": \"Zoë\", \"email\": None}], \"cost\": 1200.5},]\n```",
                "labels", "[\"q3\", \"q3\", \"docs\"]",
                "reviewer", "None"));
        PlannerPredictor planner = PlannerPredictor.create(signet);

        Planner.Plan plan = planner.plan("Write the docs", new java.math.BigDecimal("2500.00"),
                java.util.Optional.empty(), java.util.Map.of("pages", List.of(3, 5)));

        assertEquals(List.of(new Planner.Step("Draft", Planner.Priority.HIGH,
                List.of(new Planner.Owner("Zoë", java.util.Optional.empty())), 1200.5)), plan.steps());
        assertEquals(java.util.Set.of("q3", "docs"), plan.labels());
        assertEquals(java.util.Optional.empty(), plan.reviewer());
        assertEquals(java.util.Optional.empty(), plan.due(), "an optional output left out is empty, not null");
        String user = server.lastRequest().lastUserMessage();
        assertTrue(user.contains("[[ ## budget ## ]]\n2500.00\n\n[[ ## deadline ## ]]\nNone\n\n"
                + "[[ ## history ## ]]\n{\"pages\": [3, 5]}"), user);
        String system = server.lastRequest().messages().get(0).content();
        assertTrue(system.contains("1. `goal` (str): what to achieve"), system);
        assertTrue(system.contains("3. `deadline` (Union[date, NoneType]): when it must be done, if there is a date"),
                system);
        assertTrue(system.contains("\"owners\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/Owner\"}"),
                system);
        assertTrue(system.contains("\"name\": {\"type\": \"string\", \"description\": \"the owner's full name\", "
                + "\"title\": \"Name\"}"), system);
    }

    @Test
    void aReactAgentCallsAGeneratedTypedToolAndAnswers() {
        server.enqueue(
                Reply.fields("next_thought", "Look it up.", "next_tool_name", "capital_of",
                        "next_tool_args", "{\"city\": \"France\"}"),
                Reply.fields("next_thought", "Done.", "next_tool_name", "finish", "next_tool_args", "{}"),
                Reply.fields("reasoning", "The tool said Paris.", "answer", "Paris"));
        dev.signet.Tool capitalOf = dev.signet.Tool.of("capital_of", "The capital of a country.",
                Tools_LookupArgsType.TYPE, (Tools.LookupArgs args) -> args.city().equals("France") ? "Paris" : "?");
        CapitalPredictor agent = CapitalPredictor.create(signet, dev.signet.Module.react(3, capitalOf));

        Prediction<String> prediction = agent.predict("What is the capital of France?");

        assertEquals("Paris", prediction.output());
        assertEquals("Paris", prediction.trajectory().get(0).observation());
        assertTrue(server.requests().get(0).messages().get(0).content().contains(
                "(1) capital_of, whose description is <desc>The capital of a country.</desc>. It takes arguments "
                        + "{'city': {'type': 'string', 'description': 'the city'}}."));
    }

    @Test
    void aBakedPromptIsUsedWithNoCodeChange() throws IOException {
        server.enqueue(Reply.fields("answer", "Herbert"));

        assertEquals("Herbert", BakedPredictor.create(signet).answer("Who wrote Dune?"));
        List<dev.signet.testing.RecordedRequest.ChatMessage> messages = server.lastRequest().messages();
        assertTrue(messages.get(0).content().endsWith("        Answer in one word."), messages.get(0).content());
        assertEquals("[[ ## question ## ]]\nWho wrote Dune?", messages.get(1).content());
        assertEquals("[[ ## answer ## ]]\nHerbert\n\n[[ ## completed ## ]]\n", messages.get(2).content());
        // verify.groovy renders signet:export's messages template with the same input and compares it to this
        Files.writeString(Path.of("target", "baked-request.json"), server.lastRequest().json().get("messages").toString());
    }

    @Test
    void recordOfSeveralOutputs() {
        server.enqueue(Reply.fields("team", "BILLING", "urgency", "4", "confidence", "0.8", "escalate", "True",
                "tags", "[\"refund\", \"double charge\"]").withUsage(120, 30));
        TriagePredictor triage = TriagePredictor.create(signet);

        Prediction<Triage.Routing> prediction = triage.predict("I was charged twice!", 2);

        assertEquals(new Triage.Routing(Triage.Team.BILLING, 4, 0.8, true, List.of("refund", "double charge")),
                prediction.output());
        assertEquals(150, prediction.usage().totalTokens());
        assertEquals("it-model", prediction.model());
        assertTrue(server.lastRequest().lastUserMessage().startsWith(
                "[[ ## ticket ## ]]\nI was charged twice!\n\n[[ ## previousTickets ## ]]\n2\n\n"));
    }
}
