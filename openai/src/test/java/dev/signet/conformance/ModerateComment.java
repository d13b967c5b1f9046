package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** The twin of the corpus signature {@code ModerateComment}. */
@Signature("Decide whether a comment breaks the community rules.")
public interface ModerateComment {
    Result run(@InputField String comment,
            @InputField(desc = "apply the strict rule set") boolean strict,
            @InputField int prior_strikes,
            @InputField double reputation);

    /** The outputs. */
    record Result(
            @OutputField(desc = "True if any rule is broken") boolean flagged,
            @OutputField(oneOf = {"approve", "escalate", "reject"}) String action,
            @OutputField(desc = "one sentence, quoting the rule") String reason) {}
}
