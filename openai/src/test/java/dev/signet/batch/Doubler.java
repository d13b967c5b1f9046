package dev.signet.batch;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** Double the number in the question. */
@Signature
public interface Doubler {
    @OutputField(desc = "twice the number")
    int doubled(@InputField(desc = "asks for the double of a number") String question);
}
