package dev.signet;

import dev.signet.adapter.Adapter;
import dev.signet.adapter.JsonAdapter;
import dev.signet.internal.JsonValues;
import dev.signet.internal.PythonValues;
import dev.signet.lm.Futures;
import dev.signet.lm.LmOptions;
import dev.signet.lm.ResponseFormat;
import dev.signet.lm.Completion;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind every generated predictor: renders a call's inputs with the handle's adapter, asks the
 * handle's language model, and parses the reply into typed outputs. Generated classes wrap one of these and
 * add the typed methods; it can also be used directly with a hand-built {@link SignatureDescription}.
 *
 * <p>Immutable and thread-safe: share one instance across threads.
 *
 * @param <O> the typed output
 */
public final class Predictor<O> {
    private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

    private final Signet signet;
    private final SignatureDescription declared;
    private final Strategy strategy;
    private final SignatureDescription signature;
    private final String name;
    private final Function<Outputs, O> result;
    private final Adapter.PreparedPrompt prompt;
    private final ResponseFormat responseFormat;
    private final Adapter.PreparedPrompt jsonPrompt;
    private final ResponseFormat jsonFormat;
    private final Adapter.PreparedPrompt hintPrompt;
    private final Adapter.PreparedPrompt jsonHintPrompt;
    private final PromptState state;
    private final Predictor<Outputs> reactStep;
    private final Predictor<Outputs> reactExtract;

    private static final JsonAdapter JSON = new JsonAdapter();
    private static final java.util.concurrent.atomic.AtomicLong CALL_IDS = new java.util.concurrent.atomic.AtomicLong();

    private Predictor(Signet signet, SignatureDescription declared, String name, Function<Outputs, O> result,
            Strategy strategy) {
        this.signet = Objects.requireNonNull(signet, "signet");
        this.declared = Objects.requireNonNull(declared, "signature");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.signature = strategy.apply(declared);
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("a predictor name must not be blank");
        }
        this.name = name;
        this.result = Objects.requireNonNull(result, "result");
        // The handle's prompt state for this name (optimized instructions and demos), else the signature's own.
        PromptState found = signet.promptFor(name, signature).orElse(PromptState.of(signature));
        PromptState state = found.instructions() != null ? found
                : new PromptState(signature.instructions(), found.demos());
        this.state = state;
        this.prompt = signet.adapter().prepare(signature, state.instructions(), state.demos());
        this.responseFormat = signet.adapter().responseFormat(signature);
        this.jsonPrompt = JSON.prepare(signature, state.instructions(), state.demos());
        this.jsonFormat = JSON.responseFormat(signature);
        if (strategy.mode() == Strategy.Mode.REFINE) {
            // Retries carry advice in one more input, appended as DSPy's Refine appends it.
            SignatureDescription hinted = withHint(signature);
            this.hintPrompt = signet.adapter().prepare(hinted, state.instructions(), state.demos());
            this.jsonHintPrompt = JSON.prepare(hinted, state.instructions(), state.demos());
        } else {
            this.hintPrompt = null;
            this.jsonHintPrompt = null;
        }
        if (strategy.mode() == Strategy.Mode.REACT) {
            this.reactStep = new Predictor<>(signet, reactSignature(signature, strategy.tools()), name + ".react",
                    outputs -> outputs, Strategy.predict());
            this.reactExtract = new Predictor<>(signet, withTrajectory(signature, signature.outputs(),
                    signature.instructions()), name + ".extract", outputs -> outputs, Strategy.chainOfThought());
        } else {
            this.reactStep = null;
            this.reactExtract = null;
        }
    }

    private static final String TRAJECTORY = "trajectory";

    /** DSPy's ReAct signature: the inputs and the trajectory in; a thought, a tool and its arguments out. */
    private static SignatureDescription reactSignature(SignatureDescription signature, List<Tool> tools) {
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
                new FieldSpec("next_thought", "", FieldType.STRING),
                new FieldSpec("next_tool_name", "", FieldType.literalOf(names)),
                new FieldSpec("next_tool_args", "", FieldType.mapOf(FieldType.ANY))), String.join("\n", lines));
    }

    private static SignatureDescription withTrajectory(SignatureDescription signature, List<FieldSpec> outputs,
            String instructions) {
        List<FieldSpec> inputs = new ArrayList<>(signature.inputs());
        inputs.add(new FieldSpec(TRAJECTORY, "", FieldType.STRING));
        return new SignatureDescription(signature.name(), instructions, inputs, outputs);
    }

    private static String backticked(List<FieldSpec> fields) {
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add("`" + f.name() + "`"));
        return String.join(", ", names);
    }

    private static SignatureDescription withHint(SignatureDescription signature) {
        List<FieldSpec> inputs = new ArrayList<>(signature.inputs());
        inputs.add(new FieldSpec(Strategy.HINT, Strategy.HINT_DESCRIPTION, FieldType.STRING));
        return new SignatureDescription(signature.name(), signature.instructions(), inputs, signature.outputs());
    }

    /**
     * A predictor named after its signature.
     *
     * @param signet the runtime handle
     * @param signature the signature
     * @param result builds the typed output from the parsed output fields
     * @param <O> the typed output
     * @return the predictor
     */
    public static <O> Predictor<O> create(Signet signet, SignatureDescription signature,
            Function<Outputs, O> result) {
        return new Predictor<>(signet, signature, signature.name(), result, Strategy.predict());
    }

    /**
     * A predictor with a strategy, named after its signature.
     *
     * @see Strategy
     */
    public static <O> Predictor<O> create(Signet signet, SignatureDescription signature,
            Function<Outputs, O> result, Strategy strategy) {
        return new Predictor<>(signet, signature, signature.name(), result, strategy);
    }

    /**
     * A copy of this predictor under another name: the name its calls are traced under and its prompt state is
     * looked up by. Needed when one signature is used twice in a program.
     */
    public Predictor<O> named(String name) {
        return new Predictor<>(signet, declared, name, result, strategy);
    }

    /** @return the name calls are traced under and prompt states looked up by; default the signature's name */
    public String name() {
        return name;
    }

    /** @return the signature the model sees: the declared one, with {@code reasoning} under ChainOfThought */
    public SignatureDescription signature() {
        return signature;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** @return the instructions and demos this predictor uses: from the handle, or its signature's own */
    public PromptState promptState() {
        return state;
    }

    /**
     * This predictor's prompt as a {@code signet.prompt/v1} artifact, to write, review and ship.
     *
     * @param provenance how the prompt was made (optimizer, settings, scores, ...), as JSON values
     */
    public dev.signet.artifact.PromptArtifact toArtifact(Map<String, com.fasterxml.jackson.databind.JsonNode> provenance) {
        return dev.signet.artifact.PromptArtifact.of(name, strategy.moduleName(), signature, state, template(),
                provenance);
    }

    /**
     * Calls the model.
     *
     * @param inputs a value for every input field, by name
     * @return the prediction, or a future failed with a {@link SignetException}: an
     *     {@link OutputParseException} for a reply that can't be parsed, a
     *     {@link dev.signet.lm.LanguageModelException} when the model can't be reached
     */
    public CompletableFuture<Prediction<O>> predictAsync(Map<String, Object> inputs) {
        return run(inputs, signet.languageModel()::complete);
    }

    /**
     * Calls the model and waits, on the calling thread (BestOfN's attempts still run concurrently); see
     * {@link #predictAsync(Map)}.
     *
     * @throws SignetException as {@link #predictAsync(Map)} fails
     */
    public Prediction<O> predict(Map<String, Object> inputs) {
        if (strategy.mode() == Strategy.Mode.BEST_OF_N || strategy.mode() == Strategy.Mode.REACT) {
            return Futures.await(predictAsync(inputs));
        }
        return Futures.await(run(inputs, request -> {
            try {
                return CompletableFuture.completedFuture(signet.languageModel().completeBlocking(request));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }));
    }

    /** The outcome of one attempt at the whole prediction (BestOfN and Refine make several). */
    private record Rollout<O>(Prediction<O> prediction, Throwable failure, List<Attempt> attempts, double reward) {}

    /** A prediction as the strategy makes it, then told to the listeners. */
    private CompletableFuture<Prediction<O>> run(Map<String, Object> inputs,
            Function<LmRequest, CompletableFuture<Completion>> call) {
        long start = System.nanoTime();
        try {
            checkInputs(inputs);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<Attempt> attempts = new ArrayList<>();
        long callId = CALL_IDS.incrementAndGet();
        for (PredictorListener listener : signet.listeners()) {
            try {
                listener.onStart(callId, name, inputs);
            } catch (RuntimeException e) {
                LOG.warn("Predictor listener {} failed on the start of a call of {}; the call is unaffected",
                        listener, name, e);
            }
        }
        CompletableFuture<Prediction<O>> prediction;
        switch (strategy.mode()) {
            case BEST_OF_N:
                prediction = bestOfN(inputs, call, attempts, start);
                break;
            case REFINE:
                prediction = refine(inputs, call, attempts, start, 0, null, null);
                break;
            case REACT:
                prediction = react(inputs, attempts, start);
                break;
            default:
                prediction = once(inputs, null, signet.options(), call, start).thenCompose(rollout -> {
                    attempts.addAll(rollout.attempts());
                    return finish(rollout, rollout.attempts(), start);
                });
        }
        if (signet.listeners().isEmpty()) {
            return prediction;
        }
        return prediction.whenComplete((done, failure) -> notifyListeners(callId, inputs, done, failure, attempts,
                start));
    }

    /**
     * One attempt at the prediction: the first call and, while replies can't be parsed, the JSON fallback and
     * the repairs the handle allows. With a blocking {@code call}, every step runs on the calling thread.
     */
    private CompletableFuture<Rollout<O>> once(Map<String, Object> inputs, String hint, LmOptions options,
            Function<LmRequest, CompletableFuture<Completion>> call, long start) {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, Object> rendered = inputs;
        if (hint != null) {
            rendered = new LinkedHashMap<>(inputs);
            rendered.put(Strategy.HINT, hint);
        }
        Step first;
        try {
            first = new Step(Attempt.Kind.PREDICT, signet.adapter(), (hint == null ? prompt : hintPrompt).render(rendered),
                    responseFormat, options, hint != null);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Rollout<>(null, e, attempts, 0));
        }
        return attempt(first, rendered, attempts, call, start)
                .handle((prediction, failure) -> new Rollout<>(prediction,
                        failure == null ? null : Futures.unwrap(failure), attempts, 0));
    }

    private CompletableFuture<Prediction<O>> bestOfN(Map<String, Object> inputs,
            Function<LmRequest, CompletableFuture<Completion>> call, List<Attempt> attempts, long start) {
        List<CompletableFuture<Rollout<O>>> rollouts = new ArrayList<>();
        for (int i = 0; i < strategy.attempts(); i++) {
            rollouts.add(once(inputs, null, rolloutOptions(i), call, start));
        }
        return CompletableFuture.allOf(rollouts.toArray(new CompletableFuture<?>[0])).thenCompose(all -> {
            Rollout<O> best = null;
            Rollout<O> firstFailure = null;
            for (CompletableFuture<Rollout<O>> future : rollouts) {
                Rollout<O> rollout = scored(future.join(), inputs);
                attempts.addAll(rollout.attempts());
                if (rollout.prediction() == null) {
                    firstFailure = firstFailure == null ? rollout : firstFailure;
                } else if (best == null || better(rollout, best)) {
                    best = rollout;
                }
            }
            return finish(best != null ? best : firstFailure, attempts, start);
        });
    }

    private CompletableFuture<Prediction<O>> refine(Map<String, Object> inputs,
            Function<LmRequest, CompletableFuture<Completion>> call, List<Attempt> attempts, long start, int index,
            String hint, Rollout<O> bestSoFar) {
        return once(inputs, hint, rolloutOptions(index), call, start).thenCompose(done -> {
            Rollout<O> rollout = scored(done, inputs);
            attempts.addAll(rollout.attempts());
            Rollout<O> best = bestSoFar;
            if (rollout.prediction() != null && (best == null || best.prediction() == null || better(rollout, best))) {
                best = rollout;
            } else if (best == null) {
                best = rollout;
            }
            boolean goodEnough = rollout.prediction() != null && rollout.reward() >= strategy.threshold();
            if (goodEnough || index + 1 >= strategy.attempts()) {
                return finish(goodEnough ? rollout : best, attempts, start);
            }
            return refine(inputs, call, attempts, start, index + 1, advice(rollout), best);
        });
    }

    /** ReAct: steps until {@code finish} or the step limit, then the extraction of the outputs. */
    private CompletableFuture<Prediction<O>> react(Map<String, Object> inputs, List<Attempt> attempts, long start) {
        List<ToolStep> steps = new ArrayList<>();
        return reactSteps(inputs, steps, attempts)
                .thenCompose(done -> reactExtract.predictAsync(withTrajectory(inputs, steps)))
                .thenApply(extracted -> {
                    attempts.addAll(extracted.attempts());
                    return new Prediction<>(name, result.apply(extracted.outputs()), extracted.outputs(),
                            extracted.messages(), extracted.completion(), Duration.ofNanos(System.nanoTime() - start),
                            attempts, steps);
                });
    }

    private CompletableFuture<Void> reactSteps(Map<String, Object> inputs, List<ToolStep> steps,
            List<Attempt> attempts) {
        if (steps.size() >= strategy.attempts()) {
            return CompletableFuture.completedFuture(null);
        }
        return reactStep.predictAsync(withTrajectory(inputs, steps)).handle((step, failure) -> {
            if (failure != null) {
                RuntimeException cause = Futures.unwrap(failure);
                if (cause instanceof OutputParseException) {
                    LOG.debug("{}: a ReAct step could not be parsed; extracting from the trajectory so far", name);
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return CompletableFuture.<Void>failedFuture(cause);
            }
            attempts.addAll(step.attempts());
            String tool = step.outputs().value("next_tool_name");
            Map<String, Object> arguments = step.outputs().value("next_tool_args");
            steps.add(new ToolStep(step.outputs().value("next_thought"), tool, arguments, observe(tool, arguments)));
            return tool.equals("finish")
                    ? CompletableFuture.<Void>completedFuture(null)
                    : reactSteps(inputs, steps, attempts);
        }).thenCompose(next -> next);
    }

    /** Runs a tool; its result, or the error it raised, is what the model observes. */
    private String observe(String toolName, Map<String, Object> arguments) {
        if (toolName.equals("finish")) {
            return "Completed.";
        }
        for (Tool tool : strategy.tools()) {
            if (tool.name().equals(toolName)) {
                try {
                    Object result = tool.call(arguments);
                    if (result == null || result instanceof String || result instanceof Number
                            || result instanceof Boolean) {
                        return String.valueOf(result);
                    }
                    return JsonValues.dumps(JsonValues.toJson(result, FieldType.ANY));
                } catch (RuntimeException e) {
                    return "Execution error in " + toolName + ": " + e.getClass().getSimpleName() + ": "
                            + e.getMessage();
                }
            }
        }
        return "Execution error in " + toolName + ": no such tool";
    }

    /** The inputs and the trajectory so far, written as DSPy writes it: a block per value. */
    private static Map<String, Object> withTrajectory(Map<String, Object> inputs, List<ToolStep> steps) {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ToolStep step = steps.get(i);
            blocks.add("[[ ## thought_" + i + " ## ]]\n" + step.thought());
            blocks.add("[[ ## tool_name_" + i + " ## ]]\n" + step.tool());
            blocks.add("[[ ## tool_args_" + i + " ## ]]\n"
                    + JsonValues.dumps(JsonValues.toJson(step.arguments(), FieldType.ANY)));
            blocks.add("[[ ## observation_" + i + " ## ]]\n" + step.observation());
        }
        Map<String, Object> rendered = new LinkedHashMap<>(inputs);
        rendered.put(TRAJECTORY, String.join("\n\n", blocks).strip());
        return rendered;
    }

    /** The rollout with its reward, on its successful attempt too. */
    private Rollout<O> scored(Rollout<O> rollout, Map<String, Object> inputs) {
        if (rollout.prediction() == null) {
            return rollout;
        }
        double reward = strategy.reward().score(inputs, rollout.prediction().outputs());
        List<Attempt> attempts = new ArrayList<>(rollout.attempts());
        int last = attempts.size() - 1;
        attempts.set(last, attempts.get(last).withReward(reward));
        return new Rollout<>(rollout.prediction(), null, attempts, reward);
    }

    /** Whether a candidate beats the best so far: reaching the threshold first wins, then the higher reward. */
    private boolean better(Rollout<O> candidate, Rollout<O> best) {
        boolean candidateGood = candidate.reward() >= strategy.threshold();
        boolean bestGood = best.reward() >= strategy.threshold();
        if (bestGood) {
            return false;
        }
        return candidateGood || candidate.reward() > best.reward();
    }

    /** Advice for the next Refine attempt, from the one that fell short. */
    private String advice(Rollout<O> rollout) {
        if (rollout.prediction() == null) {
            return "An earlier attempt failed: " + rollout.failure().getMessage() + ". Avoid that mistake.";
        }
        List<String> values = new ArrayList<>();
        for (FieldSpec field : signature.outputs()) {
            Object value = rollout.prediction().outputs().asMap().get(field.name());
            if (value != null) {
                values.add(field.name() + " = " + PythonValues.format(value, field.type()));
            }
        }
        return "An earlier attempt answered " + String.join("; ", values) + ", which scored "
                + PythonValues.pythonFloat(rollout.reward()) + ", below the required "
                + PythonValues.pythonFloat(strategy.threshold()) + ". Give a better answer.";
    }

    /** The options of attempt {@code index}: its own seed, and temperature 1.0 unless the handle sets one. */
    private LmOptions rolloutOptions(int index) {
        LmOptions options = signet.options();
        long seed = options.seed() != null ? options.seed() + index : index;
        return options.withSeed(seed).withTemperature(options.temperature() != null ? options.temperature() : 1.0);
    }

    /** The chosen rollout's prediction, carrying every attempt made; or its failure. */
    private CompletableFuture<Prediction<O>> finish(Rollout<O> chosen, List<Attempt> attempts, long start) {
        if (chosen.prediction() == null) {
            return CompletableFuture.failedFuture(chosen.failure());
        }
        Prediction<O> p = chosen.prediction();
        return CompletableFuture.completedFuture(new Prediction<>(name, p.output(), p.outputs(), p.messages(),
                p.completion(), Duration.ofNanos(System.nanoTime() - start), attempts));
    }

    private void notifyListeners(long callId, Map<String, Object> inputs, Prediction<O> done, Throwable failure,
            List<Attempt> attempts, long start) {
        dev.signet.lm.Usage usage = dev.signet.lm.Usage.ZERO;
        String model = signet.options().model();
        for (Attempt attempt : attempts) {
            usage = usage.plus(attempt.completion().usage());
            model = attempt.completion().model();
        }
        PredictorCall call = new PredictorCall(callId, name, model, inputs, done == null ? null : done.outputs(),
                failure == null ? null : Futures.unwrap(failure), usage,
                Duration.ofNanos(System.nanoTime() - start), attempts, signature, strategy.moduleName());
        for (PredictorListener listener : signet.listeners()) {
            try {
                listener.onCall(call);
            } catch (RuntimeException e) {
                LOG.warn("Predictor listener {} failed on a call of {}; the call is unaffected", listener, name, e);
            }
        }
    }

    /** A call to make: why, with which adapter, messages, response format and options. */
    private record Step(Attempt.Kind kind, Adapter adapter, List<Message> messages, ResponseFormat format,
            LmOptions options, boolean hinted) {}

    private CompletableFuture<Prediction<O>> attempt(Step step, Map<String, Object> inputs, List<Attempt> attempts,
            Function<LmRequest, CompletableFuture<Completion>> call, long start) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} request: {}", name, step.kind(), step.messages());
        }
        CompletableFuture<Completion> reply;
        try {
            reply = call.apply(new LmRequest(step.messages(), step.options(), step.format()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reply.thenCompose(completion -> {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} reply from {} ({}): {}", name, completion.model(), completion.usage(), completion.text());
            }
            String adapterName = step.adapter().getClass().getSimpleName();
            Outputs outputs;
            try {
                outputs = parse(step.adapter(), completion);
            } catch (OutputParseException e) {
                attempts.add(new Attempt(step.kind(), adapterName, completion, e.getMessage()));
                Step next = next(step, completion, e, attempts, inputs);
                if (next == null) {
                    return CompletableFuture.failedFuture(finalFailure(e, attempts));
                }
                return attempt(next, inputs, attempts, call, start);
            }
            attempts.add(new Attempt(step.kind(), adapterName, completion, null));
            return CompletableFuture.completedFuture(new Prediction<>(name, result.apply(outputs), outputs,
                    step.messages(), completion, Duration.ofNanos(System.nanoTime() - start), attempts));
        });
    }

    /** The fallback after a ChatAdapter failure, else a repair while the handle allows one, else none. */
    private Step next(Step failed, Completion completion, OutputParseException error, List<Attempt> attempts,
            Map<String, Object> inputs) {
        if (failed.kind() == Attempt.Kind.PREDICT && signet.jsonFallback()
                && !(failed.adapter() instanceof JsonAdapter)) {
            return new Step(Attempt.Kind.JSON_FALLBACK, JSON,
                    (failed.hinted() ? jsonHintPrompt : jsonPrompt).render(inputs), jsonFormat, failed.options(),
                    failed.hinted());
        }
        long repairs = attempts.stream().filter(a -> a.kind() == Attempt.Kind.REPAIR).count();
        if (repairs >= signet.parseRepairs()) {
            return null;
        }
        List<Message> messages = new ArrayList<>(failed.messages());
        messages.add(Message.assistant(completion.text()));
        messages.add(Message.user("Your reply could not be parsed: " + error.getMessage()
                + "\n\nReply again with every output field, exactly in the format described above."));
        return new Step(Attempt.Kind.REPAIR, failed.adapter(), messages, failed.format(), failed.options(),
                failed.hinted());
    }

    private OutputParseException finalFailure(OutputParseException last, List<Attempt> attempts) {
        List<String> completions = new ArrayList<>();
        attempts.forEach(a -> completions.add(a.completion().text()));
        String message = attempts.size() == 1
                ? last.getMessage()
                : last.getMessage() + " (after " + attempts.size() + " attempts: "
                        + attempts.stream().map(a -> a.kind().name().toLowerCase(java.util.Locale.ROOT))
                                .collect(java.util.stream.Collectors.joining(", ")) + ")";
        return new OutputParseException(message, last.field().orElse(null), last.completion(), completions);
    }

    /**
     * The messages a call with these inputs would send, without calling the model: to see, log or diff a
     * prompt offline. (For ReAct: its first step's.)
     *
     * @param inputs a value for every input field, by name
     * @return the messages, exactly as {@link #predict} sends them
     */
    public List<Message> preview(Map<String, Object> inputs) {
        checkInputs(inputs);
        if (reactStep != null) {
            return reactStep.preview(withTrajectory(inputs, List.of())); // ReAct's first step
        }
        return prompt.render(inputs);
    }

    /**
     * The messages with a {@code {{field}}} placeholder where each input's value goes: filling the
     * placeholders with the inputs as the adapter writes them gives, byte for byte, what {@link #preview}
     * returns.
     *
     * @return the message template
     */
    public List<Message> template() {
        if (reactStep != null) {
            return reactStep.template();
        }
        Map<String, Object> placeholders = new LinkedHashMap<>();
        for (FieldSpec input : signature.inputs()) {
            placeholders.put(input.name(), "{{" + input.name() + "}}");
        }
        return prompt.render(placeholders);
    }

    /** Calls the model and returns the typed output only. */
    public CompletableFuture<O> callAsync(Map<String, Object> inputs) {
        return predictAsync(inputs).thenApply(Prediction::output);
    }

    /** Calls the model, waits, and returns the typed output only. */
    public O call(Map<String, Object> inputs) {
        return predict(inputs).output();
    }

    private Outputs parse(Adapter adapter, Completion reply) {
        try {
            return adapter.parse(signature, reply.text());
        } catch (OutputParseException e) {
            if (!reply.truncated()) {
                throw e;
            }
            throw new OutputParseException(e.getMessage() + ". The reply was cut off at the token limit "
                    + "(finish_reason=length): raise maxTokens in the handle's options.",
                    e.field().orElse(null), e.completion());
        }
    }

    private void checkInputs(Map<String, Object> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<String> missing = new ArrayList<>();
        for (FieldSpec field : signature.inputs()) {
            if (inputs.get(field.name()) == null) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(signature.name() + ": no value for the input field(s) " + missing);
        }
        if (inputs.size() != signature.inputs().size()) {
            List<String> unknown = new ArrayList<>(inputs.keySet());
            signature.inputs().forEach(f -> unknown.remove(f.name()));
            throw new IllegalArgumentException(signature.name() + ": unknown input field(s) " + unknown
                    + "; the inputs are " + signature.inputs().stream().map(FieldSpec::name).toList());
        }
    }

    @Override
    public String toString() {
        return "Predictor[" + name + "]";
    }
}
