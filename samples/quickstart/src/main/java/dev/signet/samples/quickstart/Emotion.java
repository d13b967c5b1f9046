package dev.signet.samples.quickstart;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

@Signature("Classify the emotion expressed in a sentence.")
public interface Emotion {
    Verdict classify(@InputField String sentence);

    enum Feeling { JOY, SADNESS, ANGER, FEAR, SURPRISE, NEUTRAL }

    record Verdict(@OutputField(desc = "the dominant emotion") Feeling feeling,
                   @OutputField(desc = "between 0 and 1") double confidence) {}
}
