package dev.signet.openai;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OpenAI SDK's transport over the JDK's {@code java.net.http.HttpClient}, for asynchronous calls: its I/O is
 * non-blocking, so a thousand requests in flight wait on one selector thread, not on a thousand threads as with
 * the SDK's OkHttp transport (which runs every async call on a dispatcher thread of its own). The SDK keeps its
 * own retries, backoff and {@code Retry-After} handling above it; this class only sends and receives. Failures are
 * the SDK's {@link OpenAIIoException}, as from OkHttp, so the SDK retries them the same way; the timeout is the
 * SDK's request timeout, for the whole exchange.
 */
final class JdkHttpTransport implements HttpClient {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient client;
    private final ExecutorService executor;
    private final Timeout timeout;

    /**
     * @param executor runs the callbacks: parsing a reply, completing the caller's future (never a wait)
     * @param timeout the default of a request that names none
     */
    JdkHttpTransport(ExecutorService executor, Timeout timeout, boolean cleartext) {
        this.executor = executor;
        this.timeout = timeout;
        this.client = java.net.http.HttpClient.newBuilder()
                // HTTP/2 where TLS negotiates it; cleartext endpoints (a local server) speak HTTP/1.1, with no
                // h2c upgrade attempt
                .version(cleartext ? Version.HTTP_1_1 : Version.HTTP_2)
                .connectTimeout(timeout.connect())
                .executor(executor)
                .build();
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        try {
            return executeAsync(request, options).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        Timeout effective = options.getTimeout() != null ? options.getTimeout() : timeout;
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        java.net.http.HttpRequest jdkRequest;
        try {
            jdkRequest = toJdk(request, effective.request());
        } catch (RuntimeException e) {
            result.completeExceptionally(new OpenAIIoException("Request failed", e));
            return result;
        }
        client.sendAsync(jdkRequest, BodyHandlers.ofByteArray())
                .orTimeout(effective.request().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure == null) {
                        result.complete(new Response(response));
                    } else {
                        result.completeExceptionally(new OpenAIIoException("Request failed", cause(failure)));
                    }
                });
        return result;
    }

    private static java.net.http.HttpRequest toJdk(HttpRequest request, Duration timeout) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(timeout);
        Headers headers = request.headers();
        for (String name : headers.names()) {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.values(name).forEach(value -> builder.header(name, value));
            }
        }
        HttpRequestBody body = request.body();
        if (body == null) {
            return builder.method(request.method().name(), BodyPublishers.noBody()).build();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(256, body.contentLength()));
        body.writeTo(bytes);
        if (body.contentType() != null) {
            builder.setHeader("Content-Type", body.contentType());
        }
        return builder.method(request.method().name(), BodyPublishers.ofByteArray(bytes.toByteArray())).build();
    }

    /** The I/O failure under a future's wrapping; a timeout as the {@link InterruptedIOException} OkHttp gives. */
    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            InterruptedIOException timeout = new InterruptedIOException("timeout");
            timeout.initCause(cause);
            return timeout;
        }
        return cause;
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    /** A reply read whole (replies are one JSON object; streaming does not use this transport). */
    private static final class Response implements HttpResponse {
        private final int status;
        private final Headers headers;
        private final byte[] body;

        Response(java.net.http.HttpResponse<byte[]> response) {
            this.status = response.statusCode();
            Headers.Builder builder = Headers.builder();
            response.headers().map().forEach((name, values) -> builder.put(name, (List<String>) values));
            this.headers = builder.build();
            this.body = response.body();
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {
            // nothing held: the body was read whole
        }
    }
}
