package dev.signet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Quiet at INFO; at DEBUG, prompts and replies but never the key. Every logger is captured. */
class LoggingTest {
    private static final String KEY = "sk-logging-test-0123456789";
    private static final SignatureDescription QA = SignatureDescription.builder("QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level previous;
    private LoopbackOpenAiServer server;
    private OpenAiLanguageModel lm;

    @BeforeEach
    void capture() {
        previous = root.getLevel();
        captured.start();
        root.addAppender(captured);
        server = LoopbackOpenAiServer.start();
        server.respondWith(request -> Reply.fields("answer", "ok"));
        lm = OpenAiLanguageModel.builder().apiKey(KEY).baseUrl(server.baseUrl()).model("m").build();
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        root.setLevel(previous);
        lm.close();
        server.close();
    }

    private void hundredCalls() {
        TypedPredictor<String> qa = TypedPredictor.create(Signet.builder().languageModel(lm).build(), QA,
                o -> ((String) o.get("answer")));
        for (int i = 0; i < 50; i++) {
            qa.call(Map.of("question", "q" + i));
            qa.callAsync(Map.of("question", "async q" + i)).join();
        }
    }

    @Test
    void aHundredCallsLogNothingAtInfo() {
        root.setLevel(Level.INFO);

        hundredCalls();

        assertThat(captured.list).isEmpty();
        assertThat(server.requestCount()).isEqualTo(100);
    }

    @Test
    void debugShowsPromptsAndRepliesButNeverTheKey() {
        root.setLevel(Level.DEBUG);

        hundredCalls();

        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("[[ ## question ## ]]"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("[[ ## answer ## ]]\nok"));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(KEY).doesNotContain("Bearer"));
    }
}
