package com.example.baked;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** The plugin tests' signature: the processor generates {@code QAPredictor} and its index entry, as in a user's build. */
@Signature("Answer questions with short factoid answers.")
public interface QA {
    @OutputField(desc = "often between 1 and 5 words")
    String answer(@InputField(desc = "a trivia question") String question);
}
