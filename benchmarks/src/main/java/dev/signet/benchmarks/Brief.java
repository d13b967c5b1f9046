package dev.signet.benchmarks;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import java.util.List;

/** Brief a reader on a topic: the streaming benchmark's signature, a text, a list and a number. */
@Signature
public interface Brief {
    Result brief(@InputField String topic);

    /** The outputs. */
    record Result(
            @OutputField(desc = "one paragraph") String summary,
            @OutputField List<String> points,
            @OutputField int confidence) {}
}
