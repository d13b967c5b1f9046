package com.example.app;

import dev.signet.annotation.Signature;

/** Its optimized prompt is src/main/signet/com.example.app.Baked.json, baked into the jar by signet:bake. */
@Signature("Answer questions.")
public interface Baked {
    String answer(String question);
}
