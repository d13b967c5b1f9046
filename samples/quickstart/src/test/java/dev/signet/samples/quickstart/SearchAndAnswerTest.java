package dev.signet.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.PredictorCall;
import dev.signet.Signet;
import dev.signet.TraceRecorder;
import dev.signet.lm.LmOptions;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's program runs as shown, and the README shows it as it is. */
class SearchAndAnswerTest {
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("small").build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    @Test
    void theProgramRunsBothStagesAndTheTraceHoldsThem() {
        server.respondWith(request -> request.messages().get(0).content().contains("`query`")
                ? Reply.fields("query", "dune novel author")
                : Reply.fields("reasoning", "The passage names him.", "answer", "Frank Herbert"));
        Map<String, List<String>> index = Map.of("dune novel author", List.of("Dune (1965) is by Frank Herbert."));
        TraceRecorder trace = new TraceRecorder();
        // readme:run
        Signet signet = Signet.builder().languageModel(lm).build();
        Signet answerWithBigModel = signet.withOptions(LmOptions.DEFAULTS.withModel("big"));
        SearchAndAnswer program = new SearchAndAnswer(answerWithBigModel.withListener(trace), index::get);
        String answer = program.run("Who wrote Dune?");
        // readme:end

        assertEquals("Frank Herbert", answer);
        List<PredictorCall> calls = trace.calls();
        assertEquals(2, calls.size());
        assertEquals("dev.signet.samples.quickstart.GenerateQuery", calls.get(0).predictorName());
        assertEquals("dev.signet.samples.quickstart.AnswerFromContext", calls.get(1).predictorName());
        assertEquals(List.of("Dune (1965) is by Frank Herbert."), calls.get(1).inputs().get("context"));
        assertEquals("The passage names him.", calls.get(1).outputs().asMap().get("reasoning"));
        assertTrue(server.requests().stream().allMatch(r -> r.model().equals("big")));
    }

    @Test
    void theReadmeShowsTheProgramAsItIs() throws IOException {
        Path readmeFile = Path.of("../../README.md");
        // the integration tests build a copy of this sample outside the repository, where there is no README
        assumeTrue(Files.isRegularFile(readmeFile), "not inside the Signet repository: no README.md to check");
        String readme = Files.readString(readmeFile);
        String program = region(Path.of("src/main/java/dev/signet/samples/quickstart/SearchAndAnswer.java"),
                "// readme:program");
        String run = region(Path.of("src/test/java/dev/signet/samples/quickstart/SearchAndAnswerTest.java"),
                "// readme:run");
        assertTrue(readme.contains(program), "README.md must contain, verbatim:\n" + program);
        assertTrue(readme.contains(run), "README.md must contain, verbatim:\n" + run);
    }

    /** The lines between a marker and {@code // readme:end}, without their common indentation. */
    private static String region(Path file, String marker) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                from = i + 1;
            } else if (from >= 0 && lines.get(i).strip().equals("// readme:end")) {
                to = i;
                break;
            }
        }
        List<String> region = lines.subList(from, to);
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : region) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }
}
