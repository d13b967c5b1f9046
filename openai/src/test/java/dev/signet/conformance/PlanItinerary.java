package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import dev.signet.conformance.CorpusTypes.Itinerary;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The twin of the corpus signature {@code PlanItinerary}. */
@Signature("Plan a trip that fits the budget.")
public interface PlanItinerary {
    Result run(@InputField String request,
            @InputField(desc = "first day of the trip") LocalDate start,
            @InputField int travellers,
            @InputField(desc = "maximum spend per category, in EUR") Map<String, Double> budget,
            @InputField boolean flexible);

    /** The outputs. */
    record Result(
            @OutputField Itinerary itinerary,
            @OutputField List<String> warnings) {}
}
