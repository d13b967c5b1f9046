package dev.signet.benchmarks;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A realistic signature for the adapter benchmark: six fields, nested records, optionals. */
@Signature("Triage a support ticket: route it, rate it, and list the follow-up actions.")
public interface Triage {
    Result triage(@InputField(desc = "the customer's message") String ticket, Customer customer,
            List<String> history);

    enum Team { BILLING, TECHNICAL, SALES }

    record Customer(String name, int tier, Optional<String> email) {}

    record Owner(String name, Team team) {}

    record Action(String title, Owner owner, Optional<LocalDate> due) {}

    record Result(@OutputField(desc = "the team that owns the ticket") Team team,
                  @OutputField(desc = "from 1 to 5") int urgency,
                  @OutputField(desc = "follow-up actions") List<Action> actions,
                  Map<String, Double> scores) {}
}
