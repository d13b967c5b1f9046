package dev.signet.images;

import dev.signet.annotation.InputField;
import dev.signet.annotation.Signature;
import dev.signet.core.FileInput;

/** Summarize a document. */
@Signature
public interface Summarize {
    String answer(@InputField(desc = "the document") FileInput brief);
}
