package dev.signet.streaming;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import java.util.List;

/** A signature with a text, a list of records and a number: what a stream reports in three ways. */
@Signature("Plan a walk through the city.")
public interface PlanWalk {
    Plan plan(@InputField String city);

    /** The outputs. */
    record Plan(
            @OutputField(desc = "one paragraph") String summary,
            @OutputField List<Stop> stops,
            @OutputField int minutes) {}

    /** One stop of the walk. */
    record Stop(String name, int minutes) {}
}
