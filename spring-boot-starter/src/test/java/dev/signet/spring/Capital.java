package dev.signet.spring;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/** Name a country's capital. */
@Signature
public interface Capital {
    @OutputField(desc = "the capital city")
    String city(@InputField(desc = "a country") String country);
}
