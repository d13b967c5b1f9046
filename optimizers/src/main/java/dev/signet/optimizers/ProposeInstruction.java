package dev.signet.optimizers;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/**
 * MIPROv2's grounded proposer: from what is known about the data, the program and one of its steps, proposes an
 * instruction for that step. Compiled by Signet's own processor into {@code ProposeInstructionPredictor}.
 */
@Signature("Propose an instruction for one step of a language-model program. Use the observations about the "
        + "data, the program's description, the step's signature and the example demonstrations, and follow the "
        + "tip, to write an instruction that makes the model perform the step well.")
public interface ProposeInstruction {
    @OutputField(name = "proposed_instruction", desc = "the instruction, complete and self-contained")
    String propose(
            @InputField(name = "dataset_description", desc = "observations about the training data")
            String datasetDescription,
            @InputField(name = "program_description", desc = "what the program does, step by step")
            String programDescription,
            @InputField(name = "signature", desc = "the step's input and output fields and its current instruction")
            String signature,
            @InputField(name = "demos", desc = "example inputs and outputs of the step, one JSON object per line")
            String demos,
            @InputField(name = "tip", desc = "how to write the instruction") String tip);
}
