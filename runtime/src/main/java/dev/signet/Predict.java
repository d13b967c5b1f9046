package dev.signet;

import dev.signet.core.SignatureDescription;

/** DSPy's Predict: one call with the signature as declared. The default module. */
final class Predict extends Module {
    static final String NAME = "Predict";
    static final Predict INSTANCE = new Predict();

    private Predict() {}

    @Override
    public String describe() {
        return NAME;
    }

    @Override
    public SignatureDescription signature(SignatureDescription declared) {
        return declared;
    }

    @Override
    Runner runner(Predictor predictor) {
        return new Single(predictor);
    }
}
