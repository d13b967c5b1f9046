package dev.signet.spark;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** Answer the question. */
@Signature
public interface Qa {
    @OutputField(desc = "a short answer")
    String answer(@InputField(desc = "a question") String question);
}
