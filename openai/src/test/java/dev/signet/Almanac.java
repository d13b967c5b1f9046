package dev.signet;

import dev.signet.annotation.Signature;

/** Answer a question, looking things up as needed. */
@Signature
public interface Almanac {
    String answer(String question);
}
