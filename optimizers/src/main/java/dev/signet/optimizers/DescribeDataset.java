package dev.signet.optimizers;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/**
 * The first step of instruction proposal (DSPy's dataset descriptor): observations about the training data that
 * ground the proposed instructions. Compiled by Signet's own processor into {@code DescribeDatasetPredictor}.
 */
@Signature("Given several examples from a dataset, write observations about the patterns they share: the topic, "
        + "the form of the inputs, and any rule or format the outputs follow. Be specific and concise.")
public interface DescribeDataset {
    @OutputField(desc = "observations about the dataset, one per line")
    String observations(
            @InputField(desc = "examples from the dataset, one JSON object per line") String examples);
}
