package dev.signet.batch;

import dev.signet.Signet;
import dev.signet.openai.OpenAiLanguageModel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A run that {@link BatchKillTest} kills: it submits two questions as a batch with a checkpoint and polls slowly,
 * printing each answer should it ever get one.
 */
final class BatchKillRun {
    private BatchKillRun() {}

    public static void main(String[] args) {
        try (OpenAiLanguageModel live = OpenAiLanguageModel.builder().apiKey("sk-test").baseUrl(args[0])
                .model("gpt-4o-mini").build()) {
            BatchModel batch = BatchModel.builder(live).checkpoint(Path.of(args[1]))
                    .pollInterval(Duration.ofSeconds(2), Duration.ofSeconds(2)).build();
            DoublerPredictor qa = DoublerPredictor.create(Signet.builder().languageModel(live).build()
                    .withModel(batch));
            batch.runAll(BatchKillTest.QUESTIONS, qa::predictAsync)
                    .forEach(answer -> System.out.println("answer " + answer.join().output()));
        }
    }
}
