package dev.signet.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ClientOptions;
import com.openai.core.JsonValue;
import com.openai.core.Timeout;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.responses.ResponseCreateParams;
import dev.signet.core.ConfigurationException;
import dev.signet.lm.BatchApi;
import dev.signet.lm.Completion;
import dev.signet.lm.HttpFailures;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.LmRequest.ResponseFormat;
import dev.signet.lm.Message;
import dev.signet.lm.ToolCall;
import dev.signet.lm.ToolDefinition;
import dev.signet.lm.Usage;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link LanguageModel}: chat completions through the official OpenAI Java SDK, so it reaches
 * OpenAI, Azure OpenAI and every OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp).
 *
 * <pre>{@code
 * OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .baseUrl("http://localhost:11434/v1")
 *         .model("llama3.2")
 *         .build();
 * }</pre>
 *
 * <p>Retries are the SDK's: I/O errors, 408, 409, 429 and 5xx are retried {@code maxRetries} times (default 2)
 * with its backoff, honouring {@code Retry-After}; what still fails completes the future with a
 * {@link LanguageModelException}. One instance holds one connection pool: share it, and {@link #close()} it
 * when the application stops. The API key is never printed, logged or put in an exception message.
 */
public final class OpenAiLanguageModel implements LanguageModel, AutoCloseable {
    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    /** OpenAI's endpoint, used when no base URL is configured. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** The SDK's own default number of retries. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** How many requests may be in flight at once unless configured. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 256;
    /**
     * The default timeout of one attempt, from sending the request to the last byte of the reply: two minutes,
     * enough for a long completion, where the SDK's own default is ten. Each retry has its own.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiLanguageModel.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ChatCompletionStreamOptions STREAM_OPTIONS =
            ChatCompletionStreamOptions.builder().includeUsage(true).build();
    private static final Pattern REASONING_MODEL = Pattern.compile("(o[1-9]|gpt-5)([-.].*)?");
    private static final Pattern KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_\\-*]{4,}");

    /**
     * The SDK's OkHttp transport lets one client have at most 64 requests in flight (its dispatcher's limit,
     * which the SDK does not expose); more wait in its queue. To allow {@code maxConcurrentRequests} in flight,
     * requests are spread over enough SDK clients, each call going to the least busy one, so that a light load
     * stays on the first client and its warm connections.
     */
    static final int REQUESTS_PER_SDK_CLIENT = 64;

    private final OpenAIClient[] clients;
    private final OpenAIClientAsync[] asyncClients;
    private final AtomicInteger[] inFlight;
    /** The async client on the JDK transport, or null for OkHttp's. */
    private final OpenAIClientAsync jdkAsync;
    private final AsyncLimit limit;
    private final String apiKey;
    private final String baseUrl;
    private final String model;
    private final int maxRetries;
    private final Duration timeout;
    private final Api api;

    private OpenAiLanguageModel(Builder builder) {
        this.apiKey = builder.apiKey;
        this.baseUrl = builder.baseUrl;
        this.model = builder.model;
        this.maxRetries = builder.maxRetries;
        this.timeout = builder.timeout;
        this.api = builder.api;
        int count = (builder.maxConcurrentRequests + REQUESTS_PER_SDK_CLIENT - 1) / REQUESTS_PER_SDK_CLIENT;
        // OkHttp's own dispatcher threads are not daemons: an application that forgot close() would linger a
        // minute after main() returned. These are, and all the SDK clients share them.
        ExecutorService dispatcher = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "signet-openai-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.clients = new OpenAIClient[count];
        this.asyncClients = new OpenAIClientAsync[count];
        this.inFlight = new AtomicInteger[count];
        for (int i = 0; i < count; i++) {
            OpenAIOkHttpClient.Builder sdk = OpenAIOkHttpClient.builder()
                    .apiKey(apiKey)
                    .baseUrl(baseUrl)
                    .maxRetries(maxRetries)
                    .dispatcherExecutorService(dispatcher)
                    .streamHandlerExecutor(dispatcher);
            sdk.timeout(builder.timeout);
            clients[i] = sdk.build();
            asyncClients[i] = clients[i].async(); // shares the client's connection pool
            inFlight[i] = new AtomicInteger();
        }
        this.limit = new AsyncLimit(builder.maxConcurrentRequests);
        AsyncTransport transport = builder.asyncTransport != AsyncTransport.AUTO ? builder.asyncTransport
                : builder.maxConcurrentRequests > DEFAULT_MAX_CONCURRENT_REQUESTS ? AsyncTransport.JDK
                : AsyncTransport.OKHTTP;
        if (transport == AsyncTransport.JDK) {
            ExecutorService io = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors()),
                    runnable -> {
                        Thread thread = new Thread(runnable, "signet-openai-io-" + THREADS.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            Timeout timeout = Timeout.builder().request(builder.timeout).build();
            this.jdkAsync = new OpenAIClientImpl(ClientOptions.builder()
                    .httpClient(new JdkHttpTransport(io, timeout, baseUrl.startsWith("http:")))
                    .apiKey(apiKey).baseUrl(baseUrl).maxRetries(maxRetries).timeout(timeout).build()).async();
        } else {
            this.jdkAsync = null;
        }
    }

    /** Which of OpenAI's APIs a model's calls use. */
    public enum Api {
        /** {@code /v1/chat/completions}: OpenAI and every OpenAI-compatible server (the default). */
        CHAT_COMPLETIONS,
        /**
         * {@code /v1/responses}: OpenAI's newer API, the messages sent as input items, unchanged, and nothing
         * stored on OpenAI's side ({@code store: false}). No seed (the API has none); a reply cut at
         * {@code max_output_tokens} is {@code TRUNCATED}. Its streams are not retried when they break off
         * before any text, as Chat Completions streams are: they fail with what came.
         */
        RESPONSES
    }

    /**
     * How asynchronous calls reach the endpoint (blocking calls always use the SDK's OkHttp client, on the calling
     * thread).
     */
    public enum AsyncTransport {
        /**
         * {@link #OKHTTP} up to {@value OpenAiLanguageModel#DEFAULT_MAX_CONCURRENT_REQUESTS} requests in flight,
         * {@link #JDK} above (the default): measured, OkHttp is faster at a hundred in flight and the JDK's client
         * at a thousand, where OkHttp's thread per request costs hundreds of threads (docs/performance.md).
         */
        AUTO,
        /**
         * The JDK's non-blocking {@code java.net.http.HttpClient}: requests in flight wait on a few I/O threads,
         * however many there are.
         */
        JDK,
        /** The SDK's OkHttp client, which runs every call in flight on a dispatcher thread of its own. */
        OKHTTP
    }

    /**
     * Configured from the process environment: {@code OPENAI_API_KEY} (required), {@code OPENAI_BASE_URL}
     * (default {@value #DEFAULT_BASE_URL}), {@code SIGNET_MODEL} (default {@value #DEFAULT_MODEL}).
     *
     * @throws ConfigurationException naming the variable to set
     */
    public static OpenAiLanguageModel fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Configured from the given environment variables; see {@link #fromEnv()}.
     *
     * @param env variable names to values
     * @throws ConfigurationException naming the variable to set
     */
    public static OpenAiLanguageModel fromEnv(Map<String, String> env) {
        String key = env.get("OPENAI_API_KEY");
        if (key == null || key.isBlank()) {
            throw new ConfigurationException("OPENAI_API_KEY is not set. Set it to your API key; for a local "
                    + "OpenAI-compatible server that needs no key, set it to any value (e.g. OPENAI_API_KEY=local) "
                    + "and set OPENAI_BASE_URL to the server's URL.");
        }
        String url = env.get("OPENAI_BASE_URL");
        String modelName = env.get("SIGNET_MODEL");
        Builder builder = builder().apiKey(key);
        if (url != null && !url.isBlank()) {
            builder.baseUrl(url.strip(), "OPENAI_BASE_URL");
        }
        if (modelName != null && !modelName.isBlank()) {
            builder.model(modelName.strip());
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the model requests use unless their options name another */
    public String model() {
        return model;
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public CompletableFuture<Completion> complete(LmRequest request) {
        if (api == Api.RESPONSES) {
            ResponseCreateParams params = ResponsesApi.params(request, model);
            String requested = request.options().model() != null ? request.options().model() : model;
            return sendAsync(client -> client.responses().create(params)).handle((response, failure) -> {
                if (failure != null) {
                    throw translate(failure, requested, 0);
                }
                try {
                    return ResponsesApi.completion(response, requested);
                } catch (LanguageModelException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw translate(e, requested, 0);
                }
            });
        }
        ChatCompletionCreateParams params = toParams(request, false);
        return completeAsync(params, 0);
    }

    /** Sends an async call on the configured transport: the JDK's client, or the least busy OkHttp client. */
    private <T> CompletableFuture<T> sendAsync(Function<OpenAIClientAsync, CompletableFuture<T>> call) {
        if (jdkAsync != null) {
            return limit.submit(() -> call.apply(jdkAsync));
        }
        int index = leastBusyClient();
        AtomicInteger busy = inFlight[index];
        busy.incrementAndGet();
        try {
            return call.apply(asyncClients[index]).whenComplete((done, failure) -> busy.decrementAndGet());
        } catch (RuntimeException e) {
            busy.decrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Completion> completeAsync(ChatCompletionCreateParams params, int retried) {
        CompletableFuture<ChatCompletion> call = sendAsync(client -> client.chat().completions().create(params));
        return call
                .handle((completion, failure) -> {
                    if (failure == null) {
                        try {
                            // The SDK reads fields lazily: a malformed body fails here, not in the future.
                            return CompletableFuture.completedFuture(toCompletion(completion,
                                    params.model().asString()));
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                    }
                    if (droppedMidReply(failure) && retried < maxRetries) {
                        return completeAsync(params, retried + 1);
                    }
                    return CompletableFuture.<Completion>failedFuture(translate(failure, params.model().asString(),
                            retried));
                })
                .thenCompose(next -> next);
    }

    /**
     * Blocking calls use the SDK's synchronous client: the call runs on the calling thread, with no hand-off to
     * OkHttp's dispatcher threads and back, which on a loaded machine costs more than the rest of the call.
     */
    @Override
    public Completion completeBlocking(LmRequest request) {
        if (api == Api.RESPONSES) {
            ResponseCreateParams params = ResponsesApi.params(request, model);
            String requested = request.options().model() != null ? request.options().model() : model;
            try {
                return ResponsesApi.completion(clients[0].responses().create(params), requested);
            } catch (LanguageModelException e) {
                throw e;
            } catch (RuntimeException e) {
                throw translate(e, requested, 0);
            }
        }
        ChatCompletionCreateParams params = toParams(request, false);
        for (int retried = 0; ; retried++) {
            try {
                return toCompletion(clients[0].chat().completions().create(params), params.model().asString());
            } catch (RuntimeException e) {
                if (!droppedMidReply(e) || retried >= maxRetries) {
                    throw translate(e, params.model().asString(), retried);
                }
            }
        }
    }

    /**
     * Streams the reply with the SDK's {@code createStreaming} (server-sent events), asking for the usage in the
     * last chunk. Streams always go through the SDK's OkHttp client, whatever the {@link AsyncTransport}: each
     * reads its reply on a thread of its own while the reply lasts. The SDK retries a request that fails before
     * its reply begins; a stream that breaks off (its connection drops, or it ends without a {@code finish_reason})
     * before any text is retried here, up to {@code maxRetries} times; one that breaks off after text came fails
     * with a {@link Kind#CONNECTION} error whose {@link LanguageModelException#partialText()} is that text: it has
     * been handed on, so it is not retried behind the caller's back.
     */
    @Override
    public CompletableFuture<Completion> stream(LmRequest request, Consumer<String> onText) {
        Objects.requireNonNull(onText, "onText");
        if (api == Api.RESPONSES) {
            ResponseCreateParams params = ResponsesApi.params(request, model);
            String requested = request.options().model() != null ? request.options().model() : model;
            ResponsesApi.Stream reply = new ResponsesApi.Stream(onText, requested,
                    failure -> translate(failure, requested, 0));
            try {
                reply.response = asyncClients[leastBusyClient()].responses().createStreaming(params);
                reply.response.subscribe(reply);
            } catch (RuntimeException e) {
                reply.onComplete(Optional.of(e));
            }
            if (reply.result.isDone() && reply.response != null) {
                reply.response.close();
            }
            return reply.result;
        }
        ChatCompletionCreateParams params = toParams(request, true);
        StreamedReply reply = new StreamedReply(params, onText);
        reply.start();
        return reply.result;
    }

    /**
     * One streamed reply, attempt after attempt: the chunks as the SDK reads them (on one thread at a time), the
     * text handed on as it comes, and the completion at the end. Cancelling {@link #result} closes the stream.
     */
    private final class StreamedReply implements AsyncStreamResponse.Handler<ChatCompletionChunk> {
        private final ChatCompletionCreateParams params;
        private final Consumer<String> onText;
        private final CompletableFuture<Completion> result = new CompletableFuture<>();
        private volatile AsyncStreamResponse<ChatCompletionChunk> response;
        private AtomicInteger busy;
        private int retried;
        private final StringBuilder text = new StringBuilder();
        private StringBuilder refusal;
        private String finishReason;
        private String model;
        private Usage usage = Usage.ZERO;

        StreamedReply(ChatCompletionCreateParams params, Consumer<String> onText) {
            this.params = params;
            this.onText = onText;
            this.model = params.model().asString();
            result.whenComplete((completion, failure) -> {
                AsyncStreamResponse<ChatCompletionChunk> open = response;
                if (failure != null && open != null) {
                    open.close(); // cancelled by the caller, or the consumer failed: stop reading
                }
            });
        }

        void start() {
            int index = leastBusyClient();
            busy = inFlight[index];
            busy.incrementAndGet();
            try {
                response = asyncClients[index].chat().completions().createStreaming(params);
                response.subscribe(this);
            } catch (RuntimeException e) {
                onComplete(Optional.of(e));
                return;
            }
            if (result.isDone()) {
                response.close(); // cancelled while the request was being sent
            }
        }

        @Override
        public void onNext(ChatCompletionChunk chunk) {
            if (result.isDone()) {
                return;
            }
            chunk._model().asString().ifPresent(name -> model = name);
            chunk.usage().ifPresent(u -> usage = usage(u));
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                if (choice.index() != 0) {
                    continue;
                }
                choice.finishReason().ifPresent(reason -> finishReason = reason.asString());
                choice.delta().refusal().ifPresent(piece -> {
                    refusal = refusal == null ? new StringBuilder() : refusal;
                    refusal.append(piece);
                });
                String piece = choice.delta().content().orElse("");
                if (!piece.isEmpty()) {
                    text.append(piece);
                    try {
                        onText.accept(piece);
                    } catch (RuntimeException | Error e) {
                        result.completeExceptionally(e);
                        return;
                    }
                }
            }
        }

        @Override
        public void onComplete(Optional<Throwable> error) {
            busy.decrementAndGet();
            if (result.isDone()) {
                return;
            }
            boolean endedEarly = error.isPresent() ? droppedInStream(error.get()) : finishReason == null;
            if (endedEarly && text.length() == 0 && retried < maxRetries) {
                retried++;
                refusal = null;
                finishReason = null;
                usage = Usage.ZERO;
                start();
                return;
            }
            if (error.isPresent()) {
                Throwable failure = error.get();
                result.completeExceptionally(streamFailure(failure).withPartialText(text));
                return;
            }
            if (finishReason == null) {
                result.completeExceptionally(new LanguageModelException(Kind.CONNECTION, 0,
                        "The stream from " + baseUrl + " (model " + params.model().asString() + ") ended before "
                        + "the reply was finished (no finish_reason), after " + (retried + 1) + " attempt(s)",
                        null).withPartialText(text));
                return;
            }
            try {
                result.complete(toCompletion(text.length() == 0 ? null : text.toString(),
                        refusal == null ? null : refusal.toString(), finishReason, usage, model));
            } catch (LanguageModelException e) {
                result.completeExceptionally(e);
            }
        }

        private LanguageModelException streamFailure(Throwable failure) {
            Throwable cause = HttpFailures.unwrap(failure);
            if (cause instanceof SseException event) {
                // an error event in the middle of the stream: the service failed while writing the reply
                return new LanguageModelException(Kind.SERVER, 0, "The endpoint " + baseUrl + " (model "
                        + params.model().asString() + ") sent an error in the stream: "
                        + redact(String.valueOf(event.getMessage())), null);
            }
            if (HttpFailures.isTimeout(cause)) {
                return new LanguageModelException(Kind.CONNECTION, 0, "The stream from " + baseUrl + " (model "
                        + params.model().asString() + ") timed out: the whole reply did not come within the timeout "
                        + "of " + timeout + " per attempt (raise it with timeout(...)): " + redact(causes(cause)),
                        cause);
            }
            if (!(cause instanceof OpenAIException) && droppedInStream(cause)) {
                return new LanguageModelException(Kind.CONNECTION, 0, "The connection to " + baseUrl + " (model "
                        + params.model().asString() + ") dropped while the reply was streaming, after "
                        + (retried + 1) + " attempt(s): " + redact(causes(cause)), cause);
            }
            return translate(cause, params.model().asString(), retried);
        }

    }

    /**
     * Whether a stream failed because its connection broke while the events were being read: an I/O error the
     * SDK lets through as it is (it retries only those before the reply begins, as {@link OpenAIIoException}s).
     */
    private static boolean droppedInStream(Throwable failure) {
        Throwable cause = HttpFailures.unwrap(failure);
        if (cause instanceof OpenAIIoException) {
            return false;
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException && !(c instanceof com.fasterxml.jackson.core.JacksonException)
                    && !(c instanceof java.nio.charset.CharacterCodingException)) {
                return true;
            }
        }
        return droppedMidReply(cause);
    }

    /**
     * Whether a call failed because the connection dropped while the reply was being read: the SDK reports it as
     * invalid data (the body ended early), not as the I/O error it is, and does not retry it. Signet does, as
     * the SDK retries any other I/O error.
     */
    private static boolean droppedMidReply(Throwable failure) {
        Throwable cause = HttpFailures.unwrap(failure);
        if (!(cause instanceof OpenAIInvalidDataException)) {
            return false;
        }
        for (Throwable c = cause.getCause(); c != null; c = c.getCause()) {
            if (c instanceof java.io.EOFException || c instanceof java.net.ProtocolException
                    || c instanceof java.net.SocketException
                    || (c instanceof java.io.IOException && !(c instanceof com.fasterxml.jackson.core.JacksonException)
                            && !(c instanceof java.nio.charset.CharacterCodingException))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an I/O failure is a reply that ended before its announced length. */
    private static boolean endedEarly(Throwable failure) {
        for (Throwable c = failure.getCause(); c != null; c = c.getCause()) {
            if (c instanceof java.io.EOFException || String.valueOf(c.getMessage()).contains("bytes received")) {
                return true;
            }
        }
        return false;
    }

    private int leastBusyClient() {
        int best = 0;
        int bestLoad = inFlight[0].get();
        for (int i = 1; i < inFlight.length && bestLoad > 0; i++) {
            int load = inFlight[i].get();
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        return best;
    }

    /** A user message with images or files as Chat Completions content parts: text, {@code image_url}, {@code file}. */
    private static List<ChatCompletionContentPart> contentParts(Message message) {
        List<ChatCompletionContentPart> parts = new ArrayList<>();
        for (Message.Part part : message.parts()) {
            if (part instanceof Message.ImagePart image) {
                parts.add(ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(image.image().url()).build())
                        .build()));
            } else if (part instanceof Message.FilePart file) {
                ChatCompletionContentPart.File.FileObject.Builder object = ChatCompletionContentPart.File.FileObject
                        .builder();
                file.file().fileData().ifPresent(object::fileData);
                file.file().fileId().ifPresent(object::fileId);
                file.file().filename().ifPresent(object::filename);
                parts.add(ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder()
                        .file(object.build()).build()));
            } else {
                parts.add(ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                        .text(((Message.TextPart) part).text()).build()));
            }
        }
        return parts;
    }

    /** The SDK's parameters of a request; a streamed one asks for the usage in its last chunk. */
    private ChatCompletionCreateParams toParams(LmRequest request, boolean stream) {
        LmOptions options = request.options();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(options.model() != null ? options.model() : model);
        for (Message message : request.messages()) {
            switch (message.role()) {
                case SYSTEM:
                    params.addSystemMessage(message.content());
                    break;
                case USER:
                    if (message.hasMedia()) {
                        params.addUserMessageOfArrayOfContentParts(contentParts(message));
                    } else {
                        params.addUserMessage(message.content());
                    }
                    break;
                case ASSISTANT: {
                    ChatCompletionAssistantMessageParam.Builder assistant =
                            ChatCompletionAssistantMessageParam.builder();
                    if (!message.content().isEmpty() || message.toolCalls().isEmpty()) {
                        assistant.content(message.content());
                    }
                    for (ToolCall call : message.toolCalls()) {
                        assistant.addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(call.id())
                                .function(ChatCompletionMessageFunctionToolCall.Function.builder().name(call.name())
                                        .arguments(call.arguments()).build()).build());
                    }
                    params.addMessage(assistant.build());
                    break;
                }
                case TOOL:
                    params.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(message.toolCallId())
                            .content(message.content()).build());
                    break;
                default:
                    throw new IllegalArgumentException("unknown role " + message.role());
            }
        }
        if (!request.tools().isEmpty()) {
            request.tools().forEach(t -> params.addTool(tool(t)));
            params.parallelToolCalls(true);
        }
        String requested = options.model() != null ? options.model() : model;
        if (options.temperature() != null) {
            if (isReasoningModel(requested)) {
                // o1, o3, o4-mini and gpt-5 reject any temperature but their default
                LOG.debug("No temperature sent to the reasoning model {} (it takes none)", requested);
            } else {
                params.temperature(options.temperature());
            }
        }
        if (options.reasoningEffort() != null) {
            params.reasoningEffort(ReasoningEffort.of(options.reasoningEffort()));
        }
        if (options.maxTokens() != null) {
            params.maxCompletionTokens(options.maxTokens());
        }
        if (options.seed() != null) {
            params.seed(options.seed());
        }
        if (request.responseFormat() != null) {
            params.responseFormat(jsonSchema(request.responseFormat()));
        }
        if (stream) {
            params.streamOptions(STREAM_OPTIONS);
        }
        return params.build();
    }

    /**
     * Whether a model is one of OpenAI's reasoning models, which take no temperature: the o-series ({@code o1},
     * {@code o3-mini}, {@code o4-mini}, ...) and {@code gpt-5} but its chat variant, with or without a provider
     * prefix ({@code openai/o3}).
     */
    static boolean isReasoningModel(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return REASONING_MODEL.matcher(name).matches() && !name.startsWith("gpt-5-chat");
    }

    private static ResponseFormatJsonSchema jsonSchema(ResponseFormat format) {
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        format.schema().forEach((key, value) -> schema.putAdditionalProperty(key, JsonValue.from(value)));
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(format.name())
                        .schema(schema.build())
                        .strict(format.strict())
                        .build())
                .build();
    }

    /**
     * The completion, read leniently where OpenAI-compatible servers differ: no {@code model} (the requested one
     * is recorded) or a {@code finish_reason} of {@code null}.
     */
    static Completion toCompletion(ChatCompletion completion, String requestedModel) {
        if (completion.choices().isEmpty()) {
            throw new LanguageModelException(Kind.INVALID_RESPONSE, 0,
                    "The endpoint returned a chat completion without choices", null);
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        String finishReason = choice._finishReason().asKnown().map(ChatCompletion.Choice.FinishReason::asString)
                .orElse(null);
        Usage usage = completion.usage().map(OpenAiLanguageModel::usage).orElse(Usage.ZERO);
        String model = completion._model().asString().orElse(requestedModel);
        List<ToolCall> toolCalls = new ArrayList<>();
        for (ChatCompletionMessageToolCall call : choice.message().toolCalls().orElse(List.of())) {
            ChatCompletionMessageFunctionToolCall function = call.function().orElseThrow(() ->
                    new LanguageModelException(Kind.INVALID_RESPONSE, 0, "The model called a custom tool; Signet "
                            + "offers function tools only", null));
            toolCalls.add(new ToolCall(function.id(), function.function().name(), function.function().arguments()));
        }
        if (!toolCalls.isEmpty()) {
            return new Completion(choice.message().content().orElse(""), model, usage, finishReason, false,
                    toolCalls);
        }
        return toCompletion(choice.message().content().orElse(null), choice.message().refusal().orElse(null),
                finishReason, usage, model);
    }

    /** A tool offered to the model, as a function definition whose parameters are the tool's JSON Schema. */
    private static ChatCompletionTool tool(ToolDefinition tool) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        tool.parameters().forEach((key, value) -> parameters.putAdditionalProperty(key, JsonValue.from(value)));
        return ChatCompletionTool.ofFunction(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name(tool.name()).description(tool.description()).parameters(parameters.build()).build()).build());
    }

    /** The SDK's usage, with the cached prompt tokens and the reasoning tokens where the server reports them. */
    private static Usage usage(CompletionUsage usage) {
        long cached = usage.promptTokensDetails().flatMap(CompletionUsage.PromptTokensDetails::cachedTokens)
                .orElse(0L);
        long reasoning = usage.completionTokensDetails()
                .flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens).orElse(0L);
        return new Usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), Math.max(0, cached),
                Math.max(0, reasoning));
    }

    /** A reply, whole or streamed, of either API: its text, or the typed error of a reply that has none. */
    static Completion toCompletion(String text, String refusal, String finishReason, Usage usage,
            String model) {
        if (text == null) {
            if (refusal != null) {
                throw new LanguageModelException(Kind.REFUSED, 0, "The model refused: " + refusal, null);
            }
            if ("content_filter".equals(finishReason)) {
                throw new LanguageModelException(Kind.REFUSED, 0, "The provider's content filter stopped the reply "
                        + "before any text (finish_reason content_filter)", null);
            }
            if ("length".equals(finishReason)) {
                throw new LanguageModelException(Kind.TRUNCATED, 0, "The reply was cut off at the token limit "
                        + "before any text (finish_reason length): raise maxTokens", null);
            }
            throw new LanguageModelException(Kind.INVALID_RESPONSE, 0, "The model returned no text (finish_reason "
                    + finishReason + ")", null);
        }
        return new Completion(text, model, usage, finishReason);
    }

    private LanguageModelException translate(Throwable failure, String requestedModel, int retried) {
        Throwable cause = HttpFailures.unwrap(failure);
        if (cause instanceof LanguageModelException already) {
            return already;
        }
        String where = baseUrl + " (model " + requestedModel + ")";
        if (cause instanceof OpenAIServiceException service) {
            int status = service.statusCode();
            Kind kind = HttpFailures.kindOf(status);
            String attempts = kind == Kind.RATE_LIMIT || kind == Kind.SERVER
                    ? " after " + (maxRetries + 1) + " attempt(s)"
                    : "";
            return new LanguageModelException(kind, status, "The endpoint " + where + " answered HTTP " + status
                    + attempts + ": " + redact(serviceMessage(service)), null, null, retryAfter(service).orElse(null));
        }
        if (HttpFailures.isTimeout(cause)) {
            return new LanguageModelException(Kind.CONNECTION, 0, "The call to " + where + " timed out: no whole "
                    + "reply within the timeout of " + timeout + " per attempt, after " + (maxRetries + 1)
                    + " attempt(s) (raise it with timeout(...)): " + redact(causes(cause)), cause);
        }
        if (cause instanceof OpenAIIoException && endedEarly(cause)) {
            return new LanguageModelException(Kind.CONNECTION, 0, "The connection to " + where + " dropped while "
                    + "the reply was being read, after " + (maxRetries + 1) + " attempt(s): " + redact(causes(cause)),
                    cause);
        }
        if (cause instanceof OpenAIIoException) {
            return new LanguageModelException(Kind.CONNECTION, 0,
                    "Could not reach " + where + ": " + redact(causes(cause)), cause);
        }
        if (cause instanceof OpenAIInvalidDataException && droppedMidReply(cause)) {
            return new LanguageModelException(Kind.CONNECTION, 0, "The connection to " + where + " dropped while "
                    + "the reply was being read, after " + (retried + 1) + " attempt(s): " + redact(causes(cause)),
                    cause);
        }
        if (cause instanceof OpenAIInvalidDataException) {
            return new LanguageModelException(Kind.INVALID_RESPONSE, 0, "The endpoint " + where
                    + " answered something that is not a chat completion: " + redact(causes(cause)), cause);
        }
        return new LanguageModelException(Kind.OTHER, 0,
                "The call to " + where + " failed: " + redact(String.valueOf(cause)), null);
    }

    /** The wait a 429 or 503 asked for, from its {@code retry-after-ms} or {@code Retry-After}. */
    private static Optional<Duration> retryAfter(OpenAIServiceException service) {
        List<String> millis = service.headers().values("retry-after-ms");
        List<String> after = service.headers().values("retry-after");
        return HttpFailures.retryAfter(millis.isEmpty() ? null : millis.get(0), after.isEmpty() ? null : after.get(0));
    }

    /**
     * The SDK's message of an error status, made readable when the body is not an OpenAI error (a proxy's HTML
     * page reads "502: null" in the SDK).
     */
    private static String serviceMessage(OpenAIServiceException service) {
        String message = String.valueOf(service.getMessage());
        if (!message.endsWith(": null") && !message.equals("null")) {
            return message;
        }
        List<String> type = service.headers().values("Content-Type");
        return "a body that is not an OpenAI error" + (type.isEmpty() ? "" : " (Content-Type " + type.get(0) + ")")
                + ", such as a proxy's error page";
    }

    /** The messages of an exception and its causes, e.g. {@code Request failed: ConnectException: refused}. */
    private static String causes(Throwable failure) {
        StringBuilder out = new StringBuilder(String.valueOf(failure.getMessage()));
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            out.append(": ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                out.append(": ").append(cause.getMessage());
            }
        }
        return out.toString();
    }

    /** Removes the configured key, and anything shaped like an OpenAI key, from a text. */
    String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = apiKey.isEmpty() ? text : text.replace(apiKey, "***");
        return KEY_LIKE.matcher(out).replaceAll("sk-***");
    }

    /** Releases the SDK client's connection pool and threads. */
    @Override
    public void close() {
        for (OpenAIClient client : clients) {
            client.close();
        }
        if (jdkAsync != null) {
            jdkAsync.close();
        }
    }

    @Override
    public String id() {
        return "openai:" + baseUrl + "#" + model + (api == Api.RESPONSES ? "@responses" : "");
    }

    @Override
    public Optional<String> defaultModel() {
        return java.util.Optional.of(model);
    }

    /**
     * OpenAI's Batch API for this model's requests (Chat Completions or Responses, as configured), on the same SDK
     * client: each batched request is the body {@link #complete} sends, byte for byte. For a
     * {@code dev.signet.batch.BatchModel}: {@code BatchModel.builder(model)}.
     */
    @Override
    public Optional<BatchApi> batchApi() {
        return Optional.of(new OpenAiBatchApi(clients[0], id(), model, api == Api.RESPONSES,
                request -> api == Api.RESPONSES ? ResponsesApi.params(request, model)._body()
                        : toParams(request, false)._body(),
                (what, failure) -> {
                    LanguageModelException translated = translate(failure, model, 0);
                    return new LanguageModelException(translated.kind(), translated.statusCode().orElse(0), "Could not " + what
                            + ": " + translated.getMessage(), failure);
                }));
    }

    @Override
    public String toString() {
        return "OpenAiLanguageModel[baseUrl=" + baseUrl + ", model=" + model + "]";
    }

    /** Builds an {@link OpenAiLanguageModel}. Only the API key is required. */
    public static final class Builder {
        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private String model = DEFAULT_MODEL;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private AsyncTransport asyncTransport = AsyncTransport.AUTO;
        private Api api = Api.CHAT_COMPLETIONS;

        private Builder() {}

        /**
         * How asynchronous calls reach the endpoint; default {@link AsyncTransport#AUTO}: the JDK's non-blocking
         * client when {@link #maxConcurrentRequests} is above
         * {@value OpenAiLanguageModel#DEFAULT_MAX_CONCURRENT_REQUESTS}, OkHttp otherwise. Retries, backoff, {@code Retry-After} and the timeout are the SDK's either way.
         */
        /** @param api which of OpenAI's APIs calls use (default {@link Api#CHAT_COMPLETIONS}) */
        public Builder api(Api api) {
            this.api = Objects.requireNonNull(api, "api");
            return this;
        }

        public Builder asyncTransport(AsyncTransport transport) {
            this.asyncTransport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * How many asynchronous requests may be in flight at once; more wait in a queue, in order. Default
         * {@value #DEFAULT_MAX_CONCURRENT_REQUESTS}.
         */
        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            if (maxConcurrentRequests < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be >= 1, was " + maxConcurrentRequests);
            }
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        /** The API key; for a local server that needs none, any non-empty value. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** The endpoint, e.g. {@code http://localhost:11434/v1}; default {@value #DEFAULT_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(baseUrl, "baseUrl");
        }

        private Builder baseUrl(String baseUrl, String source) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            URI uri;
            try {
                uri = new URI(baseUrl);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new ConfigurationException(source + " is not an http(s) URL: '" + baseUrl + "'. Set it to "
                        + "the endpoint's base URL, such as http://localhost:11434/v1, or leave it unset for "
                        + DEFAULT_BASE_URL + ".");
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /** The model name sent with every request that does not name its own; default {@value #DEFAULT_MODEL}. */
        public Builder model(String model) {
            if (Objects.requireNonNull(model, "model").isBlank()) {
                throw new ConfigurationException("The model name is empty: set SIGNET_MODEL or call model(...).");
            }
            this.model = model;
            return this;
        }

        /** Retries after the first attempt, with the SDK's backoff; default {@value #DEFAULT_MAX_RETRIES}. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * The timeout of one attempt, from sending the request to the last byte of the reply (each retry has its
         * own); default {@link #DEFAULT_TIMEOUT}, two minutes. Raise it for reasoning models with long outputs.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @throws ConfigurationException if no API key was given */
        public OpenAiLanguageModel build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new ConfigurationException("No API key: call apiKey(...), or use fromEnv() with "
                        + "OPENAI_API_KEY set.");
            }
            return new OpenAiLanguageModel(this);
        }
    }
}
