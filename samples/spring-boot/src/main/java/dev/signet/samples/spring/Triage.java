package dev.signet.samples.spring;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

@Signature("Route a customer's support ticket to the team that handles it.")
public interface Triage {
    Routing route(@InputField(desc = "the ticket, as the customer wrote it") String ticket);

    enum Team { BILLING, BUGS, ACCOUNTS, OTHER }

    record Routing(@OutputField(desc = "the team that handles it") Team team,
                   @OutputField(desc = "whether the customer is blocked now") boolean urgent) {}
}
