package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metrics;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomSearchTest {
    private static final SignatureDescription CODES = SignatureDescription.builder("com.example.Codes")
            .input("question", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();

    private final TaskSimulator task = TaskSimulator.codes(9, 80);
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(task);
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("simulated").build();
    private final Signet signet = Signet.builder().languageModel(lm).build();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private static final SignatureDescription TOPIC = SignatureDescription.builder("com.example.Topic")
            .input("question", "", FieldType.STRING)
            .output("topic", "", FieldType.STRING)
            .build();

    /** A two-predictor program: a topic, then the code given the topic. */
    private static ProgramFactory program() {
        return handle -> {
            TypedPredictor<String> topic = TypedPredictor.create(handle, TOPIC, o -> ((String) o.get("topic")));
            TypedPredictor<String> codes = TypedPredictor.create(handle, CODES, o -> ((String) o.get("answer")));
            return example -> topic.callAsync(Map.of("question", example.input("question")))
                    .thenCompose(t -> codes.predictAsync(Map.of("question", example.input("question"))));
        };
    }

    private Dataset.Split split() {
        List<Example> examples = new ArrayList<>();
        task.answers().forEach((q, a) -> examples.add(new Example(Map.of("question", q), Map.of("answer", a))));
        return Dataset.split(examples, 0.5, 5);
    }

    @Test
    void theBestCandidateWinsEveryScoreIsReportedAndARunResumesFromItsCheckpoint() throws Exception {
        Dataset.Split split = split();
        Path checkpoint = dir.resolve("search.json");
        RandomSearch search = RandomSearch.builder(Metrics.exactMatch("answer")).candidates(3).maxLabeledDemos(0).seed(11)
                .checkpoint(checkpoint).build();

        RandomSearch.Result first = search.search(signet, program(), split.train(), split.dev());
        int firstRequests = server.requestCount();

        assertThat(first.candidates()).extracting(RandomSearch.Candidate::description).containsExactly("zero-shot",
                "labeled demos only", "bootstrapped, training set in its seeded order", "bootstrapped, random candidate 1",
                "bootstrapped, random candidate 2", "bootstrapped, random candidate 3");
        double zeroShot = first.candidates().get(0).score();
        double bootstrapped = first.candidates().get(2).score();
        assertThat(bootstrapped - zeroShot).isGreaterThanOrEqualTo(0.15);
        assertThat(first.run().prompts()).containsOnlyKeys("com.example.Topic", "com.example.Codes");
        assertThat(first.candidates().get(first.winner()).score())
                .isEqualTo(first.candidates().stream().mapToDouble(RandomSearch.Candidate::score).max().orElseThrow())
                .isGreaterThanOrEqualTo(bootstrapped);

        RandomSearch.Result resumed = search.search(signet, program(), split.train(), split.dev());
        int resumedRequests = server.requestCount() - firstRequests;
        assertThat(resumed.candidates()).isEqualTo(first.candidates());
        assertThat(resumed.winner()).isEqualTo(first.winner());
        assertThat(resumed.run().prompts()).isEqualTo(first.run().prompts());
        assertThat(resumedRequests).as("no candidate is scored again, and the winner is not rebuilt").isZero();

        // As if the first run had been killed after three candidates.
        ObjectMapper json = new ObjectMapper();
        ObjectNode partial = (ObjectNode) json.readTree(checkpoint.toFile());
        ObjectNode scores = (ObjectNode) partial.get("scores");
        scores.remove(List.of("3", "4", "5"));
        Files.writeString(checkpoint, json.writeValueAsString(partial));
        int before = server.requestCount();
        RandomSearch.Result afterKill = search.search(signet, program(), split.train(), split.dev());
        assertThat(afterKill.candidates()).isEqualTo(first.candidates());
        assertThat(afterKill.run().prompts()).isEqualTo(first.run().prompts());
        assertThat(server.requestCount() - before).isGreaterThan(resumedRequests).isLessThan(firstRequests);
    }
}
