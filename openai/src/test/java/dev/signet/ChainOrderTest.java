package dev.signet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The documented order of a handle's chain, outermost first: parse repair, JSON fallback, parsing, the handle's
 * interceptors in the order added, the model. Each link records when a call enters and leaves it.
 */
class ChainOrderTest {
    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .input("question", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("m").build();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private Interceptor recording(String name) {
        return chain -> {
            log.add(name + " > " + (chain.call().request().responseFormat() != null ? "json" : "chat"));
            return chain.proceed(chain.call()).whenComplete((exchange, failure) -> log.add(name + " <"));
        };
    }

    private Signet handle(boolean jsonFallback, int parseRepairs) {
        return Signet.builder().languageModel(lm).jsonFallback(jsonFallback).parseRepairs(parseRepairs)
                .interceptor(recording("first")).interceptor(recording("second")).build();
    }

    @Test
    void theHandlesInterceptorsRunInTheOrderAddedInsideTheJsonFallback() {
        server.enqueue(Reply.text("no field markers at all"), Reply.text("{\"answer\": \"Paris\"}"));

        Outputs answer = Predictor.of(handle(true, 0), QA).call(Map.of("question", "Capital of France?"));

        assertThat(answer.get("answer")).isEqualTo("Paris");
        // the unparsable chat reply went back out through the JSON fallback, and again through every link inside it
        assertThat(log).containsExactly("first > chat", "second > chat", "second <", "first <",
                "first > json", "second > json", "second <", "first <");
        assertThat(server.requests().get(1).json().has("response_format")).isTrue();
    }

    @Test
    void theParseRepairIsOutermostAndAsksAgainThroughTheWholeChain() {
        server.enqueue(Reply.text("no field markers at all"), Reply.fields("answer", "Paris"));

        Outputs answer = Predictor.of(handle(false, 1), QA).call(Map.of("question", "Capital of France?"));

        assertThat(answer.get("answer")).isEqualTo("Paris");
        assertThat(log).containsExactly("first > chat", "second > chat", "second <", "first <",
                "first > chat", "second > chat", "second <", "first <");
        assertThat(server.requests().get(1).messages().toString()).contains("no field markers at all");
    }
}
