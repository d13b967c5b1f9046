package dev.signet.samples.quickstart;

import dev.signet.Prediction;
import dev.signet.Signet;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;

/**
 * Calls two generated predictors. With {@code OPENAI_API_KEY} set, against that endpoint ({@code OPENAI_BASE_URL},
 * {@code SIGNET_MODEL}); without it, against Signet's bundled loopback server, which plays a model with canned
 * answers.
 */
public final class Quickstart {
    private Quickstart() {}

    public static void main(String[] args) {
        boolean configured = System.getenv("OPENAI_API_KEY") != null;
        LoopbackOpenAiServer loopback = null;
        OpenAiLanguageModel lm;
        if (configured) {
            lm = OpenAiLanguageModel.fromEnv();
            System.out.println("Calling " + lm.baseUrl() + " with model " + lm.model() + ".");
        } else {
            loopback = cannedModel();
            lm = OpenAiLanguageModel.builder().apiKey("loopback").baseUrl(loopback.baseUrl()).model("canned").build();
            System.out.println("OPENAI_API_KEY is not set, so this sample talks to Signet's bundled loopback server "
                    + "at " + loopback.baseUrl() + ", which gives canned answers.");
            System.out.println("Set OPENAI_API_KEY (and optionally OPENAI_BASE_URL, SIGNET_MODEL) to call a real "
                    + "model.");
        }
        try {
            Signet signet = Signet.builder().languageModel(lm).build();

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
        } finally {
            lm.close();
            if (loopback != null) {
                loopback.close();
            }
        }
    }

    /** A stand-in model: it recognises the two signatures by their field lists. */
    private static LoopbackOpenAiServer cannedModel() {
        LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
        server.respondWith(request -> {
            String system = request.messages().get(0).content();
            if (system.contains("`question`")) {
                return Reply.fields("answer", "Frank Herbert");
            }
            if (system.contains("`sentence`")) {
                return Reply.fields("feeling", "JOY", "confidence", "0.93");
            }
            return Reply.error(400, "the canned model only knows the quickstart's two signatures");
        });
        return server;
    }
}
