package com.example.app;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** Answer questions with short factoid answers. */
@Signature
public interface Capital {
    @OutputField(desc = "often between 1 and 5 words")
    String answer(@InputField(desc = "a trivia question") String question);
}
