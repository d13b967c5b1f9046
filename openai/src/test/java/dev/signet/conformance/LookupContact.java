package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import java.util.Optional;

/** The twin of the corpus signature {@code LookupContact}. */
@Signature("Find a person's contact details in the directory excerpt.")
public interface LookupContact {
    Result run(@InputField String excerpt,
            @InputField String full_name,
            @InputField(desc = "the company, if known", pipeUnion = true) Optional<String> company);

    /** The outputs. */
    record Result(
            @OutputField(pipeUnion = true) Optional<String> email_address,
            @OutputField Optional<String> phone,
            @OutputField(pipeUnion = true) Optional<Integer> extension) {}
}
