package com.example.app;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import java.util.List;

/** Route a support ticket and say how urgent it is. */
@Signature
public interface Triage {
    Routing route(@InputField(desc = "the customer's message") String ticket, int previousTickets);

    enum Team { BILLING, TECHNICAL, SALES }

    record Routing(@OutputField(desc = "the team that owns the ticket") Team team,
                   @OutputField(desc = "from 1 (low) to 5 (critical)") int urgency,
                   @OutputField(desc = "between 0 and 1") double confidence,
                   boolean escalate,
                   @OutputField(desc = "short labels") List<String> tags) {}
}
