package dev.signet.conformance;

import dev.signet.annotation.OutputField;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The enums and records of the DSPy conformance corpus's signatures (render.json "types"): pydantic models in DSPy. */
final class CorpusTypes {
    private CorpusTypes() {}

    enum Unit { GRAM, MILLILITER, PIECE, TEASPOON }

    enum Severity { BLOCKER, MAJOR, MINOR, TRIVIAL }

    record Ingredient(
            @OutputField(desc = "ingredient name, as written") String item,
            @OutputField(desc = "amount in `unit`") double quantity,
            Unit unit,
            @OutputField(desc = "e.g. “finely chopped”") Optional<String> note) {}

    record Money(
            double amount,
            @OutputField(desc = "ISO 4217 code, e.g. EUR") String currency) {}

    record LineItem(
            String description,
            int quantity,
            Money unit_price,
            @OutputField(desc = "e.g. 0.19 for 19 %") Optional<Double> tax_rate) {}

    record Invoice(
            @OutputField(desc = "the invoice number as printed") String number,
            LocalDate issued,
            String vendor,
            List<LineItem> items,
            @OutputField(desc = "amount due, tax included") Money total,
            @OutputField(desc = "purchase order, if printed") Optional<String> po_number) {}

    record GlossaryEntry(
            String source,
            String target,
            Optional<String> note) {}

    record Lodging(
            String hotel,
            double price_per_night,
            boolean booked) {}

    record Stop(
            String place,
            int nights,
            @OutputField(desc = "where to sleep, if already known") Optional<Lodging> lodging,
            List<String> activities) {}

    record Itinerary(
            String title,
            List<Stop> stops,
            Money total_cost) {}
}
