package dev.signet.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Module;
import dev.signet.Prediction;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.Tool;
import dev.signet.ToolStep;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording through the real SDK against the loopback server, then replaying with no server at all. */
class CassetteTest {
    static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();
    private static final String KEY = "sk-test-cassette-0123456789";

    @TempDir
    Path dir;

    static TypedPredictor<String> qa(Signet signet) {
        return TypedPredictor.create(signet, QA, o -> (String) o.get("answer"));
    }

    @Test
    void aRecordedRunReplaysOfflineAndAnUnrecordedRequestFailsWithTheDifference() throws Exception {
        Path file = dir.resolve("qa.json");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
                OpenAiLanguageModel live = OpenAiLanguageModel.builder().apiKey(KEY).baseUrl(server.baseUrl())
                        .model("gpt-4o-mini").build()) {
            server.respondWith(request -> Reply.fields("answer", request.lastUserMessage().contains("France")
                    ? "Paris" : "Rome").withUsage(42, 3));
            Cassette cassette = Cassette.empty(file);
            TypedPredictor<String> recording = qa(Signet.builder()
                    .languageModel(CassetteLanguageModel.recording(cassette, live)).build());

            assertThat(recording.call(Map.of("question", "Capital of France?"))).isEqualTo("Paris");
            assertThat(recording.callAsync(Map.of("question", "Capital of Italy?")).join()).isEqualTo("Rome");
            recording.call(Map.of("question", "Capital of France?")); // recorded once
            cassette.save();
            assertThat(server.requestCount()).isEqualTo(3);
        }
        String text = Files.readString(file);
        assertThat(text).contains("\"format\" : \"signet.cassette/v1\"").doesNotContain(KEY)
                .doesNotContainIgnoringCase("authorization").doesNotContain("127.0.0.1");
        assertThat(Cassette.load(file).size()).isEqualTo(2);

        // the server is gone: the answers come from the file
        TypedPredictor<String> replaying = qa(Signet.builder()
                .languageModel(CassetteLanguageModel.replaying(Cassette.load(file))).build());
        assertThat(replaying.call(Map.of("question", "Capital of France?"))).isEqualTo("Paris");
        assertThat(replaying.predict(Map.of("question", "Capital of Italy?")).usage().totalTokens()).isEqualTo(45);
        assertThatThrownBy(() -> replaying.call(Map.of("question", "Capital of Spain?")))
                .isInstanceOf(MissingRecordingError.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("has no recording of this request (2 recorded)")
                .hasMessageContaining("-Dsignet.record=true")
                .hasMessageContaining("message 2 (user), first differing line:")
                .hasMessageContaining("- recorded: Capital of France?")
                .hasMessageContaining("+ asked:    Capital of Spain?");
    }

    record LookupArgs(String country) {}

    @Test
    void aNativeToolCallingLoopIsRecordedWithItsToolsAndCallsAndReplaysOffline() throws Exception {
        Tool lookup = Tool.of("capital", "The capital of a country.", FieldType.recordOf(LookupArgs.class,
                List.of(new FieldType.Component("country", "", FieldType.STRING)),
                v -> new LookupArgs((String) v.get(0)), a -> List.of(a.country())),
                (LookupArgs a) -> a.country().equals("France") ? "Paris" : "?");
        Path file = dir.resolve("agent.json");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
                OpenAiLanguageModel live = OpenAiLanguageModel.builder().apiKey(KEY).baseUrl(server.baseUrl())
                        .model("gpt-4o-mini").build()) {
            server.enqueue(Reply.toolCalls("capital", "{\"country\": \"France\"}"), Reply.fields("answer", "Paris"));
            Cassette cassette = Cassette.empty(file);
            Predictor recording = Predictor.of(Signet.builder()
                    .languageModel(CassetteLanguageModel.recording(cassette, live)).build(), QA,
                    Module.reactNative(3, lookup));
            assertThat(recording.predict(Map.of("question", "Capital of France?")).outputs().get("answer"))
                    .isEqualTo("Paris");
            cassette.save();
        }
        assertThat(Files.readString(file)).contains("\"toolCalls\"", "\"toolCallId\"", "\"tools\"");

        Predictor replaying = Predictor.of(Signet.builder()
                .languageModel(CassetteLanguageModel.replaying(Cassette.load(file))).build(), QA,
                Module.reactNative(3, lookup));
        Prediction<Outputs> replayed = replaying.predict(Map.of("question", "Capital of France?"));
        assertThat(replayed.outputs().get("answer")).isEqualTo("Paris");
        assertThat(replayed.trajectory()).extracting(ToolStep::observation).containsExactly("Paris");
    }

    @Test
    void aMissingOrMalformedCassetteSaysWhichAndWhatToDo() throws Exception {
        assertThatThrownBy(() -> Cassette.load(dir.resolve("none.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none.json").hasMessageContaining("-Dsignet.record=true");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": \"signet.cassette/v1\", ");
        assertThatThrownBy(() -> Cassette.load(broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.json")
                .hasMessageContaining("not readable JSON");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"interactions\": []}");
        assertThatThrownBy(() -> Cassette.load(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a Signet cassette");
    }
}
