package dev.signet.samples.quickstart;

import dev.signet.Prediction;
import dev.signet.Signet;
import dev.signet.lm.Message;
import dev.signet.testing.RecordedRequest;
import java.util.List;

/**
 * Calls three generated predictors: a plain one ({@link QA}), one with a typed record answer ({@link Emotion}), and
 * one whose prompt {@code signet:optimize} tuned and {@code signet:bake} put in the jar ({@link ItemCode}). With
 * {@code OPENAI_API_KEY} set it calls that endpoint ({@code OPENAI_BASE_URL}, {@code SIGNET_MODEL}); without it,
 * Signet's bundled simulator on the loopback server.
 */
public final class Quickstart {
    private Quickstart() {}

    public static void main(String[] args) {
        try (SampleModel model = SampleModel.open(); Signet signet = Signet.builder().languageModel(model).build()) {
            if (model.simulated()) {
                System.out.println("OPENAI_API_KEY is not set, so this sample talks to Signet's bundled simulator "
                        + "on the loopback server at " + model.describe() + ".");
                System.out.println("Set OPENAI_API_KEY (and optionally OPENAI_BASE_URL, SIGNET_MODEL) to call a real "
                        + "model.");
            } else {
                System.out.println("Calling " + model.describe() + ".");
            }

            QA qa = QAPredictor.create(signet);
            String question = "Who wrote the novel Dune?";
            System.out.println();
            System.out.println("Q: " + question);
            System.out.println("A: " + qa.answer(question));

            EmotionPredictor emotion = EmotionPredictor.create(signet);
            String sentence = "I finally passed my driving test after three attempts!";
            Prediction<Emotion.Verdict> prediction = emotion.predict(sentence);
            System.out.println();
            System.out.println("Sentence: " + sentence);
            System.out.println("Feeling:  " + prediction.output().feeling()
                    + " (confidence " + prediction.output().confidence() + ")");
            System.out.println("Cost:     " + prediction.usage().totalTokens() + " tokens, "
                    + prediction.latency().toMillis() + " ms, model " + prediction.model());

            ItemCodePredictor itemCode = ItemCodePredictor.create(signet);
            String lookup = "What is the code of item 27?";
            List<Message> prompt = itemCode.preview(lookup);
            System.out.println();
            System.out.println("Optimized prompt (baked from src/main/signet/ into META-INF/signet/prompts/): "
                    + (prompt.size() - 2) / 2 + " demos");
            System.out.println("Q: " + lookup);
            System.out.println("A: " + itemCode.answer(lookup));
            if (model.simulated()) {
                List<RecordedRequest> seen = model.requestsSeen();
                RecordedRequest last = seen.get(seen.size() - 1);
                long demos = last.messages().stream().filter(m -> m.role().equals("assistant")).count();
                System.out.println("The simulator saw " + demos + " demos in that request; the first asked: "
                        + firstDemoQuestion(last));
            }
        }
    }

    private static String firstDemoQuestion(RecordedRequest request) {
        if (request.messages().size() < 4) {
            return "(none)";
        }
        String user = request.messages().get(1).content();
        int start = user.indexOf('\n', user.indexOf("[[ ## question ## ]]")) + 1;
        int end = user.indexOf('\n', start);
        return (end < 0 ? user.substring(start) : user.substring(start, end)).strip();
    }
}
