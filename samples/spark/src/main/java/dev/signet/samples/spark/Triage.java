package dev.signet.samples.spark;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** Triage a support ticket: its category, how urgent it is, and a one-line summary. */
@Signature
public interface Triage {
    /** Where a ticket goes. */
    enum Category { BILLING, BUG, ACCOUNT, OTHER }

    /** The triage. */
    record Verdict(Category category, @OutputField(desc = "1 (whenever) to 5 (now)") int urgency, String summary) {}

    Verdict triage(@InputField(desc = "the customer's message") String ticket);
}
