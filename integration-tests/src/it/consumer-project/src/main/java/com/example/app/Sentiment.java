package com.example.app;

import dev.signet.annotation.Signature;

@Signature("Classify the sentiment of a product review.")
public interface Sentiment {
    Label classify(String review);

    enum Label { POSITIVE, NEGATIVE, NEUTRAL }
}
