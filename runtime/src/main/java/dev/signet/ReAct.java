package dev.signet;

import dev.signet.adapter.OutputParseException;
import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Futures;
import dev.signet.internal.Json;
import dev.signet.internal.JsonCodec;
import dev.signet.lm.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DSPy's ReAct: a loop of thought, tool call and observation, until the model calls {@code finish} or the step
 * limit is reached; then a ChainOfThought call extracts the outputs from the trajectory. A tool that throws, or
 * arguments that don't fit, become the observation (the model can correct itself). The steps are on
 * {@link Prediction#trajectory()}. Its two prompts are predictors of their own, traced and tuned as
 * {@code <name>.react} (a step) and {@code <name>.extract} (the extraction), as DSPy names them.
 */
final class ReAct extends Module {
    static final String NAME = "ReAct";
    /** The module name of a ReAct predictor's step, as its prompt artifact records it. */
    static final String STEP = "ReAct.react";
    /** The module name of a ReAct predictor's extraction. */
    static final String EXTRACT = "ReAct.extract";
    private static final String TRAJECTORY = "trajectory";
    private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

    private final int maxSteps;
    private final List<Tool> tools;

    ReAct(int maxSteps, Tool... tools) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("ReAct needs at least one step, was " + maxSteps);
        }
        this.maxSteps = maxSteps;
        this.tools = Tool.distinct(tools);
    }

    /** @return the most tool calls a prediction makes */
    public int maxSteps() {
        return maxSteps;
    }

    /** @return the tools, without {@code finish} */
    public List<Tool> tools() {
        return tools;
    }

    @Override
    public String describe() {
        return NAME;
    }

    @Override
    public SignatureDescription signature(SignatureDescription declared) {
        return declared;
    }

    /** DSPy's ReAct signature: the inputs and the trajectory in; a thought, a tool and its arguments out. */
    private SignatureDescription stepSignature(SignatureDescription signature) {
        String inputs = backticked(signature.inputs());
        String outputs = backticked(signature.outputs());
        List<String> lines = new ArrayList<>();
        lines.add(signature.instructions() + "\n");
        lines.add("You are an Agent. In each episode, you will be given the fields " + inputs + " as input. And you "
                + "can see your past trajectory so far.");
        lines.add("Your goal is to use one or more of the supplied tools to collect any necessary information for "
                + "producing " + outputs + ".\n");
        lines.add("To do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, "
                + "and also when finishing the task.");
        lines.add("After each tool call, you receive a resulting observation, which gets appended to your "
                + "trajectory.\n");
        lines.add("When writing next_thought, you may reason about the current situation and plan for future steps.");
        lines.add("When selecting the next_tool_name and its next_tool_args, the tool must be one of:\n");
        List<String> names = new ArrayList<>();
        int index = 1;
        for (Tool tool : tools) {
            lines.add("(" + index++ + ") " + tool.describe());
            names.add(tool.name());
        }
        lines.add("(" + index + ") finish, whose description is <desc>Marks the task as complete. That is, signals "
                + "that all information for producing the outputs, i.e. " + outputs + ", are now available to be "
                + "extracted.</desc>. It takes arguments {}.");
        names.add("finish");
        lines.add("When providing `next_tool_args`, the value inside the field must be in JSON format");
        return withTrajectory(signature, List.of(
                new Field("next_thought", "", FieldType.STRING),
                new Field("next_tool_name", "", FieldType.literalOf(names)),
                new Field("next_tool_args", "", FieldType.mapOf(FieldType.ANY))), String.join("\n", lines));
    }

    private static SignatureDescription withTrajectory(SignatureDescription signature, List<Field> outputs,
            String instructions) {
        List<Field> inputs = new ArrayList<>(signature.inputs());
        inputs.add(new Field(TRAJECTORY, "", FieldType.STRING));
        return new SignatureDescription(signature.name(), instructions, inputs, outputs);
    }

    private static String backticked(List<Field> fields) {
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add("`" + f.name() + "`"));
        return String.join(", ", names);
    }

    @Override
    Runner runner(Predictor predictor) {
        SignatureDescription declared = predictor.modelSignature();
        Predictor step = predictor.step(stepSignature(declared), ".react", Module.predict(), STEP);
        Predictor extract = predictor.step(withTrajectory(declared, declared.outputs(), declared.instructions()),
                ".extract", Module.chainOfThought(), EXTRACT);
        return new Runner() {
            @Override
            public CompletableFuture<Result> run(Call call, Map<String, Object> inputs) {
                List<ToolStep> steps = new ArrayList<>();
                return steps(call, step, inputs, steps)
                        // a streaming caller gets the extract step's reply as it comes: the outputs it asked for
                        .thenCompose(done -> extract.run(withTrajectory(inputs, steps), call.blocking, call.id,
                                call.sink))
                        .thenApply(extracted -> {
                            call.attempts.addAllOf(extracted.attempts());
                            return new Result(extracted.outputs(), extracted.messages(), extracted.completion(),
                                    steps);
                        });
            }

            @Override
            public List<Message> preview(Map<String, Object> inputs) {
                return step.preview(withTrajectory(inputs, List.of()));
            }

            @Override
            public List<Message> template() {
                return step.template();
            }

            @Override
            public Prompt prompt() {
                throw new UnsupportedOperationException("a ReAct predictor's prompts are those of its steps, "
                        + predictor.name() + ".react and " + predictor.name() + ".extract");
            }
        };
    }

    private CompletableFuture<Void> steps(Call call, Predictor step, Map<String, Object> inputs,
            List<ToolStep> steps) {
        if (steps.size() >= maxSteps) {
            return CompletableFuture.completedFuture(null);
        }
        return step.run(withTrajectory(inputs, steps), call.blocking, call.id).handle((prediction, failure) -> {
            if (failure != null) {
                RuntimeException cause = Futures.unwrap(failure);
                if (cause instanceof OutputParseException) {
                    LOG.debug("A ReAct step could not be parsed; extracting from the trajectory so far");
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return CompletableFuture.<Void>failedFuture(cause);
            }
            call.attempts.addAllOf(prediction.attempts());
            Outputs outputs = prediction.outputs();
            String tool = (String) outputs.get("next_tool_name");
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = (Map<String, Object>) outputs.get("next_tool_args");
            steps.add(new ToolStep((String) outputs.get("next_thought"), tool, arguments, observe(tool, arguments)));
            return tool.equals("finish")
                    ? CompletableFuture.<Void>completedFuture(null)
                    : steps(call, step, inputs, steps);
        }).thenCompose(next -> next);
    }

    /** Runs a tool; its result, or the error it raised, is what the model observes. */
    private String observe(String toolName, Map<String, Object> arguments) {
        if (toolName.equals("finish")) {
            return "Completed.";
        }
        return Tool.observe(tools, toolName, arguments);
    }

    /** The inputs and the trajectory so far, written as DSPy writes it: a block per value. */
    private static Map<String, Object> withTrajectory(Map<String, Object> inputs, List<ToolStep> steps) {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ToolStep step = steps.get(i);
            blocks.add("[[ ## thought_" + i + " ## ]]\n" + step.thought());
            blocks.add("[[ ## tool_name_" + i + " ## ]]\n" + step.tool());
            blocks.add("[[ ## tool_args_" + i + " ## ]]\n"
                    + Json.dumps(JsonCodec.toJson(step.arguments(), FieldType.ANY)));
            blocks.add("[[ ## observation_" + i + " ## ]]\n" + step.observation());
        }
        Map<String, Object> rendered = new LinkedHashMap<>(inputs);
        rendered.put(TRAJECTORY, String.join("\n\n", blocks).strip());
        return rendered;
    }
}
