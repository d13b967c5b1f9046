package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import java.util.Set;

/** The twin of the corpus signature {@code ExtractKeywords}. */
@Signature("Pick the keywords of an abstract.")
public interface ExtractKeywords {
    Result run(@InputField(name = "abstract") String abstractValue,
            @Min(1) @Max(12) @InputField(desc = "upper bound") int max_keywords);

    /** The outputs. */
    record Result(
            @OutputField Set<String> keywords,
            @OutputField(desc = "keyword -> weight, summing to 1") Map<String, Double> weights) {}
}
