package dev.signet.samples.quickstart;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import java.util.List;

@Signature("Answer the question from the context.")
public interface AnswerFromContext {
    @OutputField(desc = "often between 1 and 5 words")
    String answer(String question, @InputField(desc = "passages that may help") List<String> context);
}
