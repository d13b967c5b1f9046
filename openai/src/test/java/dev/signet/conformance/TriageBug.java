package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import dev.signet.conformance.CorpusTypes.Severity;
import java.util.List;
import java.util.Optional;

/** The twin of the corpus signature {@code TriageBug}. */
@Signature("Triage a bug report for the issue tracker.")
public interface TriageBug {
    Result run(@InputField(desc = "the issue title") String title,
            @InputField String report,
            @InputField(desc = "the component named by the reporter, if any") Optional<String> component,
            @InputField(desc = "labels already on the issue") List<String> labels);

    /** The outputs. */
    record Result(
            @OutputField(desc = "how bad it is") Severity severity,
            @OutputField(desc = "the number of an earlier issue this repeats") Optional<Integer> duplicate_of,
            @OutputField boolean needs_repro,
            @OutputField Optional<String> assignee) {}
}
