package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** The twin of the corpus signature {@code Headline}. */
@Signature("Write a headline for the article.")
public interface Headline {
    @OutputField(desc = "at most ten words")
    String headline(@InputField String article);
}
