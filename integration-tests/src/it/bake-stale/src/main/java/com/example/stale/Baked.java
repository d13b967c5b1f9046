package com.example.stale;

import dev.signet.annotation.Signature;

/** Its artifact was made when the answer was an int: signet:bake must fail. */
@Signature("Answer questions.")
public interface Baked {
    String answer(String question);
}
