package com.example.baked;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** The optimization tests' signature, answered by the task simulators. */
@Signature("Give the code of the item.")
public interface Codes {
    @OutputField
    String answer(@InputField String question);
}
