package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/*
 * The twin of the corpus signature Headline for its case instructions-default, where DSPy is given no instructions:
 * no @Signature value and no Javadoc, so the instructions are DSPy's default sentence.
 */
@Signature
public interface UninstructedHeadline {
    @OutputField(desc = "at most ten words")
    String headline(@InputField String article);
}
