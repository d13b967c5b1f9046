package dev.signet.benchmarks;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** Answer questions with short factoid answers. */
@Signature
public interface QA {
    @OutputField(desc = "often between 1 and 5 words")
    String answer(@InputField(desc = "a trivia question") String question);
}
