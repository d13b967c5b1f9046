package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** The twin of the corpus signature {@code NormalizeAddress}. */
@Signature("Normalize a postal address.")
public interface NormalizeAddress {
    Result run(@InputField String rawHTMLText,
            @InputField String line2,
            @InputField String zip_code,
            @InputField String countryISO);

    /** The outputs. */
    record Result(
            @OutputField String formatted,
            @OutputField boolean is_po_box) {}
}
