package dev.signet.optimizers;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;

/**
 * GEPA's reflection step: reads how one step of a program did on a few examples (its inputs, its outputs, their
 * score and the metric's feedback) and writes a better instruction for it. Compiled by Signet's own processor
 * into {@code ReflectOnFeedbackPredictor}.
 */
@Signature("An assistant was given the current instruction for a task. Below are examples of the task's inputs, "
        + "the assistant's outputs, their scores and feedback on how they could be better. Write a new instruction "
        + "for the assistant: keep what works, and state the specific rules and facts that the feedback reveals, "
        + "so that the assistant avoids these mistakes on similar inputs.")
public interface ReflectOnFeedback {
    @OutputField(name = "new_instruction", desc = "the improved instruction, complete and self-contained")
    String reflect(
            @InputField(name = "current_instruction", desc = "the instruction the assistant was given")
            String currentInstruction,
            @InputField(name = "examples_with_feedback",
                    desc = "inputs, outputs, score and feedback, one JSON object per line")
            String examplesWithFeedback);
}
