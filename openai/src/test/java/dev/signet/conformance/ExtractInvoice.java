package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import dev.signet.conformance.CorpusTypes.Invoice;

/** The twin of the corpus signature {@code ExtractInvoice}. */
@Signature("Extract the invoice from an OCR'd document.\nAmounts are in the invoice's currency.")
public interface ExtractInvoice {
    Result run(@InputField(desc = "OCR text of one invoice") String document);

    /** The outputs. */
    record Result(
            @OutputField Invoice invoice,
            @OutputField(desc = "0.0 to 1.0") double certainty) {}
}
