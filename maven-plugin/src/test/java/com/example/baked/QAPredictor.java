package com.example.baked;

import dev.signet.FieldType;
import dev.signet.SignatureDescription;

/** Stands for a generated predictor in the bake tests: what the bake reads is its SIGNATURE constant. */
public final class QAPredictor {
    public static final SignatureDescription SIGNATURE = SignatureDescription.builder("com.example.baked.QA")
            .instructions("Answer questions with short factoid answers.")
            .input("question", "a trivia question", FieldType.STRING)
            .output("answer", "often between 1 and 5 words", FieldType.STRING)
            .build();

    private QAPredictor() {}
}
