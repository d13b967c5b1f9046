package com.example.app;

import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Break a goal into a plan. */
@Signature
public interface Planner {
    /**
     * @param goal what to achieve
     * @param budget the money available
     * @param deadline when it must be done, if there is a date
     */
    Plan plan(String goal, BigDecimal budget, Optional<LocalDate> deadline, Map<String, List<Integer>> history);

    enum Priority { LOW, HIGH }

    /** @param name the owner's full name */
    record Owner(String name, Optional<String> email) {}

    record Step(@OutputField(desc = "short title") String title, Priority priority, List<Owner> owners,
                double cost) {}

    record Plan(List<Step> steps, Set<String> labels, Optional<Owner> reviewer, Optional<LocalDate> due) {}
}
