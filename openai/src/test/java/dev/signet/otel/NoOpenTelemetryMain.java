package dev.signet.otel;

import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.Map;

/** Run by {@link OpenTelemetryTracingTest} in a JVM whose class path has no OpenTelemetry jar. */
public final class NoOpenTelemetryMain {
    private NoOpenTelemetryMain() {}

    public static void main(String[] args) {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
                OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("k").baseUrl(server.baseUrl()).build()) {
            server.enqueue(Reply.fields("answer", "works"));
            SignatureDescription qa = SignatureDescription.builder("QA")
                    .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();
            String answer = TypedPredictor.create(Signet.builder().languageModel(lm).build(), qa,
                    o -> ((String) o.get("answer"))).call(Map.of("question", "q"));
            System.out.println("answer=" + answer);
        }
    }
}
