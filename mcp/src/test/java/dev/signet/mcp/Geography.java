package dev.signet.mcp;

import dev.signet.annotation.Signature;

/** Answer a geography question. */
@Signature
public interface Geography {
    String answer(String question);
}
