package dev.signet.samples.quickstart;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/**
 * The sample's optimized predictor. {@code signet:optimize} tuned its prompt on {@code src/test/signet/*.jsonl}
 * and wrote {@code src/main/signet/dev.signet.samples.quickstart.ItemCode.json}; {@code signet:bake} put it in
 * the jar, and {@code ItemCodePredictor} uses it with no code change.
 */
@Signature("Give the catalogue code of the item the question names.")
public interface ItemCode {
    @OutputField(desc = "the item's catalogue code")
    String answer(@InputField(desc = "a question naming one catalogue item") String question);
}
