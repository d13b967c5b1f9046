package dev.signet.images;

import dev.signet.annotation.InputField;
import dev.signet.annotation.Signature;
import dev.signet.core.Image;

/** Answer a question about a photo. */
@Signature
public interface Describe {
    String answer(@InputField(desc = "the photo") Image photo, String question);
}
