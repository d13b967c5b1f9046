package dev.signet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1, for tests: the real OpenAI SDK talks to it over
 * HTTP, so the whole client path is exercised, and nothing leaves the machine. It also speaks OpenAI's Responses
 * API ({@code /v1/responses}), OpenAI's Batch API ({@code /v1/files}, {@code /v1/batches}: {@link #batchScript}) and
 * Anthropic's Messages API ({@link #anthropicBaseUrl()}, for the Anthropic SDK).
 *
 * <pre>{@code
 * try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start()) {
 *     server.enqueue(Reply.fields("answer", "Paris"));
 *     OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
 *             .apiKey("test").baseUrl(server.baseUrl()).build();
 *     ...
 *     assertThat(server.lastRequest().lastUserMessage()).contains("capital of France");
 * }
 * }</pre>
 *
 * <p>Replies come from the queue filled by {@link #enqueue}, in order; when it is empty, from the responder
 * set with {@link #respondWith} (by default, an HTTP 500 saying that no reply was scripted). Requests are
 * recorded (the latest {@value #DEFAULT_KEEP} by default). Thread-safe; requests are served concurrently.
 */
public final class LoopbackOpenAiServer implements AutoCloseable {
    /** Computes a reply from a request, for servers that answer many or concurrent requests. */
    @FunctionalInterface
    public interface Responder {
        Reply respond(RecordedRequest request);
    }

    /** How many of the latest requests are kept for inspection unless told otherwise. */
    public static final int DEFAULT_KEEP = 10_000;

    /** What the server answers, for the 404 of anything else. */
    static final String SERVED = "POST /v1/chat/completions and /v1/responses (OpenAI), POST /v1/messages "
            + "(Anthropic), and OpenAI's /v1/files and /v1/batches";

    private static final Responder NOTHING_SCRIPTED =
            // Not retried by the SDK (X-Should-Retry): a request the test did not script is the test's mistake.
            request -> Reply.error(500, "loopback server: no reply scripted for this request")
                    .withHeader("X-Should-Retry", "false");

    private final HttpServer server;
    private final ExecutorService executor;
    /** Sends the replies that have a latency, when it has passed. */
    private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "loopback-openai-delay");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<RecordedRequest> requests = new ConcurrentLinkedDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger retained = new AtomicInteger();
    private volatile int keep = DEFAULT_KEEP;
    private volatile Responder responder = NOTHING_SCRIPTED;
    /** OpenAI's files and batches: each batched line answered as a live request is. */
    private final BatchEndpoints batches = new BatchEndpoints(this::answer, sequence::incrementAndGet);

    private LoopbackOpenAiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 on a free port. */
    public static LoopbackOpenAiServer start() {
        // Without TCP_NODELAY, every loopback exchange stalls ~40 ms (Nagle + delayed ACK). Read once, when
        // the JDK's server implementation first loads, so it must be set before the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "loopback-openai");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            LoopbackOpenAiServer loopback = new LoopbackOpenAiServer(server, executor);
            server.createContext("/", loopback::handle);
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback server", e);
        }
    }

    /** @return the base URL to give the client, {@code http://127.0.0.1:PORT/v1} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * @return the base URL for Anthropic's SDK, which adds {@code /v1/messages} itself: the server answers
     *     Anthropic's Messages API there, the same replies rendered in Anthropic's shape (messages, usage with
     *     {@code cache_read_input_tokens}, errors, and a stream's {@code message_start} ... {@code message_stop}
     *     events)
     */
    public String anthropicBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues replies for the next requests, in order. */
    public LoopbackOpenAiServer enqueue(Reply... replies) {
        for (Reply reply : replies) {
            queue.add(Objects.requireNonNull(reply, "reply"));
        }
        return this;
    }

    /** Answers with this responder whenever the queue is empty. */
    public LoopbackOpenAiServer respondWith(Responder responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Keeps only the latest {@code max} requests for {@link #requests()} (default {@value #DEFAULT_KEEP}), so
     * that long load runs and benchmarks don't fill the heap; {@code 0} keeps none. {@link #requestCount()}
     * still counts them all.
     */
    public LoopbackOpenAiServer keepRequests(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        this.keep = max;
        return this;
    }

    /** @return the requests received so far (the latest ones, see {@link #keepRequests}), in arrival order */
    public List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    /** @return the number of requests received so far */
    public int requestCount() {
        return received.get();
    }

    /** @return the last request received */
    public RecordedRequest lastRequest() {
        RecordedRequest last = requests.peekLast();
        if (last == null) {
            throw new IllegalStateException("the loopback server has kept no request");
        }
        return last;
    }

    /** Forgets recorded requests, queued replies, files and batches, and restores the default responder. */
    public void reset() {
        batches.reset();
        queue.clear();
        requests.clear();
        retained.set(0);
        received.set(0);
        responder = NOTHING_SCRIPTED;
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        RecordedRequest request;
        try {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    body);
            if (BatchEndpoints.serves(request)) {
                send(exchange, request, batches.handle(request, exchange.getRequestURI().getRawQuery(), bytes));
                return;
            }
            record(request);
            if (!request.method().equals("POST") || !request.path().endsWith("/chat/completions")
                    && !request.anthropic() && !request.responses()) {
                reply = Reply.error(404, "loopback server: no such endpoint: " + request.method() + " "
                        + request.path() + "; it serves " + SERVED);
            } else {
                reply = answer(request);
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
        boolean streams = reply.streams() && request.json().path("stream").asBoolean(false);
        if (streams && reply.latency().isZero()) {
            stream(exchange, request, reply);
            return;
        }
        if (reply.latency().isZero()) {
            send(exchange, request, reply);
            return;
        }
        // the reply waits on a timer, not on a thread: a thousand slow replies in flight need no thousand threads
        RecordedRequest answered = request;
        delays.schedule(() -> {
            try {
                if (streams) {
                    stream(exchange, answered, reply);
                } else {
                    send(exchange, answered, reply);
                }
            } catch (IOException e) {
                // the client went away
            }
        }, reply.latency().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Sends a streamed reply's events, each after its delay, on the timer: a client that closes the stream before
     * its end is counted ({@link #cancelledStreams()}). A text reply answers a streaming request as a stream, in
     * one piece unless {@link Reply#streamed} split it.
     */
    private void stream(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
        boolean anthropic = request.anthropic();
        List<byte[]> events = anthropic ? reply.anthropicEvents(request, sequence.incrementAndGet())
                : request.responses() ? reply.responsesEvents(request, sequence.incrementAndGet())
                : reply.events(request, sequence.incrementAndGet());
        // Anthropic's stream opens with the message and its content block, the Responses API's with the response
        int lead = anthropic ? 2 : request.responses() ? 1 : 0;
        int last = reply.cutAfterChunks() >= 0 ? Math.min(lead + reply.cutAfterChunks(), events.size())
                : events.size();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(200, 0); // chunked
        OutputStream out = exchange.getResponseBody();
        new Object() {
            void next(int index) {
                if (index == last) {
                    byte[] error = last >= events.size() ? null
                            : anthropic ? reply.anthropicStreamErrorEvent()
                            : request.responses() ? reply.responsesStreamErrorEvent() : reply.streamErrorEvent();
                    if (error != null) {
                        try {
                            out.write(error);
                            out.flush();
                        } catch (IOException e) {
                            cancelled.incrementAndGet();
                        }
                    }
                    exchange.close(); // the stream's end; when cut off, before its finish reason and [DONE]
                    return;
                }
                try {
                    out.write(events.get(index));
                    out.flush();
                } catch (IOException e) {
                    cancelled.incrementAndGet(); // the client closed the stream
                    exchange.close();
                    return;
                }
                delays.schedule(() -> next(index + 1), reply.chunkDelay().toNanos(), TimeUnit.NANOSECONDS);
            }
        }.next(0);
    }

    /** @return how many streamed replies the client closed before their end */
    public int cancelledStreams() {
        return cancelled.get();
    }

    private void send(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
        try (exchange) {
            byte[] bytes = request.anthropic() ? reply.anthropicBody(request, sequence.incrementAndGet())
                    : request.responses() ? reply.responsesBody(request, sequence.incrementAndGet())
                    : reply.body(request, sequence.incrementAndGet());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            OutputStream out = exchange.getResponseBody();
            if (reply.cutAt() >= 0 && reply.cutAt() < bytes.length) {
                // a server that dies mid-reply: part of the announced body, then the connection drops
                out.write(bytes, 0, reply.cutAt());
                out.flush();
                return; // closing the exchange with bytes missing closes the connection
            }
            try (out) {
                out.write(bytes);
            }
        }
    }

    private void record(RecordedRequest request) {
        received.incrementAndGet();
        if (keep == 0) {
            return;
        }
        requests.add(request);
        if (retained.incrementAndGet() > keep && requests.poll() != null) {
            retained.decrementAndGet();
        }
    }

    /** A live request's reply, or a batched line's: the next queued one, else the responder's. */
    private Reply answer(RecordedRequest request) {
        Reply queued = queue.poll();
        return queued != null ? queued : respond(request);
    }

    /**
     * How the batches created from now on run ({@code /v1/batches}, OpenAI's Batch API): every line is answered
     * as a live request would be, by the queue then the responder; by default each batch completes at its first
     * poll.
     */
    public LoopbackOpenAiServer batchScript(BatchScript script) {
        batches.script(Objects.requireNonNull(script, "script"));
        return this;
    }

    /** @return how many batches were created ({@code POST /v1/batches}) */
    public int batchesCreated() {
        return batches.created();
    }

    /**
     * @return every line of every batch created, as the request it holds (the line's {@code url} and {@code body}),
     *     in order; not among {@link #requests()}, which are the live ones
     */
    public List<RecordedRequest> batchedRequests() {
        return batches.lines();
    }

    /** Whether batched lines are kept for {@link #batchedRequests()}; default true (off for large benchmarks). */
    public LoopbackOpenAiServer keepBatchedRequests(boolean keep) {
        batches.keepLines(keep);
        return this;
    }

    private Reply respond(RecordedRequest request) {
        try {
            return Objects.requireNonNull(responder.respond(request), "the responder returned null");
        } catch (RuntimeException e) {
            // A failing responder must not leave the client hanging: answer 500 with the error.
            return Reply.error(500, "loopback responder failed: " + e);
        }
    }
}
