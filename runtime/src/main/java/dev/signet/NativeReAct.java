package dev.signet;

import dev.signet.adapter.OutputParseException;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Json;
import dev.signet.internal.JsonCodec;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.lm.ToolCall;
import dev.signet.lm.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ReAct on the provider's native tool calling ({@link Module#reactNative}): the signature's own prompt, as Predict
 * renders it, sent with the tools as function definitions. While the model answers with tool calls, they run (all
 * of one reply at once) and their results go back as tool messages; the first reply in text is parsed as the
 * outputs. A tool that throws, or arguments that don't fit, become its result, as in ReAct. After
 * {@code maxSteps} tool calls the model is told to call no more and answer; a reply that still calls one fails
 * the prediction with an {@link OutputParseException}. The steps are on
 * {@link Prediction#trajectory()}, one per tool call, the thought being the text the model sent with the calls.
 */
final class NativeReAct extends Module {
    static final String NAME = "ReAct(native)";
    static final String OUT_OF_STEPS = "You have made the most tool calls allowed. Do not call any tool: reply now "
            + "with the output fields, in the format described above.";

    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * Where the calls of one reply run at once: tools may block (a web request, an MCP server), so not the common
     * pool; idle threads end after a minute.
     */
    private static final ExecutorService TOOL_THREADS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
            TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "signet-tool-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
    private final int maxSteps;
    private final List<Tool> tools;

    NativeReAct(int maxSteps, Tool... tools) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("ReAct needs at least one step, was " + maxSteps);
        }
        if (tools.length == 0) {
            throw new IllegalArgumentException("native tool calling needs at least one tool");
        }
        this.maxSteps = maxSteps;
        this.tools = Tool.distinct(tools);
    }

    @Override
    public String describe() {
        return NAME;
    }

    @Override
    public SignatureDescription signature(SignatureDescription declared) {
        return declared;
    }

    /** Predict's prompt, preview and template ({@link Single}), run as a conversation with the tools. */
    @Override
    Runner runner(Predictor predictor) {
        List<ToolDefinition> definitions = tools.stream().map(Tool::definition).toList();
        return new Single(predictor) {
            @Override
            public CompletableFuture<Result> run(Call call, Map<String, Object> inputs) {
                Prompt prompt = prompt();
                LmRequest first;
                try {
                    first = new LmRequest(prompt.render(inputs), predictor.signet().options(), prompt.format(),
                            definitions);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
                return turn(call, predictor, prompt, inputs, first, new ArrayList<>());
            }
        };
    }

    /** One model call of the conversation; then the tools it asked for and the next, or the outputs. */
    private CompletableFuture<Runner.Result> turn(Call call, Predictor predictor, Prompt prompt,
            Map<String, Object> inputs, LmRequest request, List<ToolStep> steps) {
        ModelCall model = new ModelCall(call, predictor, prompt, inputs, call.attempts, Attempt.Kind.PREDICT, request,
                null);
        return predictor.signet().send(model).thenCompose(exchange -> {
            List<ToolCall> calls = exchange.completion().toolCalls();
            if (calls.isEmpty()) {
                if (exchange.parseError() != null) {
                    throw exchange.parseError();
                }
                return CompletableFuture.completedFuture(new Runner.Result(exchange.outputs(),
                        exchange.call().request().messages(), exchange.completion(), List.copyOf(steps)));
            }
            if (steps.size() >= maxSteps) {
                throw new OutputParseException("The model called " + calls.get(0).name() + " after it was told to "
                        + "call no more tools (" + maxSteps + " tool calls made).", null,
                        exchange.completion().text(), List.of(exchange.completion().text()));
            }
            return observeAll(calls, call.blocking).thenCompose(observations -> {
                List<Message> messages = new ArrayList<>(request.messages());
                messages.add(Message.assistant(exchange.completion().text(), calls));
                for (int i = 0; i < calls.size(); i++) {
                    ToolCall toolCall = calls.get(i);
                    messages.add(Message.tool(toolCall.id(), observations.get(i)));
                    steps.add(new ToolStep(exchange.completion().text(), toolCall.name(), arguments(toolCall),
                            observations.get(i)));
                }
                if (steps.size() >= maxSteps) {
                    // the tools stay offered (a provider may refuse tool calls in a conversation that offers none)
                    messages.add(Message.user(OUT_OF_STEPS));
                }
                return turn(call, predictor, prompt, inputs, request.withMessages(messages), steps);
            });
        });
    }

    /** The results of one reply's tool calls, in its order: run one after another when blocking, else at once. */
    private CompletableFuture<List<String>> observeAll(List<ToolCall> calls, boolean blocking) {
        if (blocking || calls.size() == 1) {
            List<String> observations = new ArrayList<>();
            calls.forEach(c -> observations.add(observe(c)));
            return CompletableFuture.completedFuture(observations);
        }
        List<CompletableFuture<String>> running = new ArrayList<>();
        for (ToolCall toolCall : calls) {
            running.add(CompletableFuture.supplyAsync(() -> observe(toolCall), TOOL_THREADS));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> running.stream().map(CompletableFuture::join).toList());
    }

    private static Map<String, Object> arguments(ToolCall call) {
        try {
            Object parsed = JsonCodec.fromJson(Json.readLenient(call.arguments()), FieldType.ANY);
            if (parsed instanceof Map<?, ?> map) {
                Map<String, Object> arguments = new LinkedHashMap<>();
                map.forEach((k, v) -> arguments.put(String.valueOf(k), v));
                return arguments;
            }
        } catch (RuntimeException e) {
            // the observation says so
        }
        return null;
    }

    /** Runs a tool; its result, or what went wrong, is what the model reads next. */
    private String observe(ToolCall call) {
        Map<String, Object> arguments = arguments(call);
        if (arguments == null) {
            return "Execution error in " + call.name() + ": the arguments are not a JSON object: " + call.arguments();
        }
        return Tool.observe(tools, call.name(), arguments);
    }
}
