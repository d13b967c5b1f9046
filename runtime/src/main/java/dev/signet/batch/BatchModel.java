package dev.signet.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.ConfigurationException;
import dev.signet.internal.Json;
import dev.signet.lm.BatchApi;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmRequest;
import dev.signet.rules.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A language model that answers through the provider's Batch API: at half the price, within the provider's
 * completion window (OpenAI: 24 hours) instead of seconds, with no connection held open meanwhile.
 *
 * <pre>{@code
 * BatchModel batch = BatchModel.builder(OpenAiLanguageModel.fromEnv()).checkpoint(Path.of("eval.batch.json")).build();
 * QA qa = QAPredictor.create(signet.withModel(batch));
 * List<CompletableFuture<Prediction<String>>> answers = batch.runAll(questions, qa::predictAsync);
 * // or: Evaluator.builder().batch(batch).build().evaluate(devset, program, metric)
 * }</pre>
 *
 * <p>Calls are made as usual, asynchronously, inside {@link #runAll}: each model call they make is queued; when
 * every call waits on the model (the queue has been still for 100 ms), the queue goes to the provider as one
 * batch (split to its limits), rendered by the live model's own code (the same bytes a live call sends). When the batch ends, every request gets its completion
 * or a typed failure ({@link LanguageModelException}: {@code BAD_REQUEST} for a line the provider rejected,
 * {@code EXPIRED}, {@code CANCELLED}); nothing is dropped. Calls that need another model call (a repair of an
 * unparsable reply, ReAct's next step) go out in the next round. Caches, usage meters and the call chain work as on
 * live calls; a completion is marked {@link Completion#batched()} and priced at the batch price.
 *
 * <p>With a {@link Builder#checkpoint checkpoint}, each batch's id and the requests it holds are recorded
 * atomically as soon as it is created: a process that dies after submitting picks its batches up again when rerun
 * (the requests are the same, so are their ids) instead of paying twice. The checkpoint is deleted when
 * {@code runAll} ends. {@link #cancel()} cancels the batches in flight.
 *
 * <p>Thread-safe; one {@code runAll} at a time per instance. Blocking calls ({@code qa.answer(...)}) on the thread
 * that runs {@code runAll} fail: they would wait for a batch that is only sent once they return.
 */
public final class BatchModel implements LanguageModel {
    private static final Logger LOG = LoggerFactory.getLogger(BatchModel.class);
    private static final String CHECKPOINT_FORMAT = "signet-batch-checkpoint/1";
    /** How long a round's queue must be still before it is sent. */
    private static final Duration SETTLE = Duration.ofMillis(100);
    private static final Set<Kind> RETRIED_LIVE = Set.of(Kind.EXPIRED, Kind.SERVER, Kind.RATE_LIMIT,
            Kind.CONNECTION);

    private final BatchApi api;
    private final LanguageModel live;
    private final Path checkpoint;
    private final Path workDirectory;
    private final Duration firstPoll;
    private final Duration maxPoll;
    private final int maxRequests;
    private final long maxBytes;
    private final Consumer<BatchApi.Status> onStatus;

    private final Object lock = new Object();
    private final Object runLock = new Object();
    /** Requests waiting for the next round; guarded by {@link #lock}. */
    private List<Pending> queue = new ArrayList<>();
    private volatile Thread driver;
    private volatile boolean cancelled;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final List<String> submitted = new ArrayList<>();

    private BatchModel(Builder builder) {
        this.api = builder.api;
        this.live = builder.retryLive ? builder.live : null;
        this.checkpoint = builder.checkpoint;
        this.workDirectory = builder.workDirectory;
        this.firstPoll = builder.firstPoll;
        this.maxPoll = builder.maxPoll;
        this.maxRequests = Math.min(builder.maxRequests, api.maxRequests());
        this.maxBytes = Math.min(builder.maxBytes, api.maxBytes());
        this.onStatus = builder.onStatus;
    }

    /**
     * A batch model on a live model's Batch API.
     *
     * @throws ConfigurationException when the model has none
     */
    public static Builder builder(LanguageModel live) {
        Objects.requireNonNull(live, "live");
        BatchApi api = live.batchApi().orElseThrow(() -> new ConfigurationException("The language model " + live
                + " has no Batch API; OpenAI's has one (signet-openai's OpenAiLanguageModel, Chat Completions or "
                + "Responses)."));
        Builder builder = new Builder(api);
        builder.live = live;
        return builder;
    }

    /** A batch model on a Batch API. */
    public static Builder builder(BatchApi api) {
        return new Builder(Objects.requireNonNull(api, "api"));
    }

    /** One queued request and the future its caller waits on. */
    private record Pending(LmRequest request, CompletableFuture<Completion> future) {}

    @Override
    public CompletableFuture<Completion> complete(LmRequest request) {
        if (cancelled) {
            return CompletableFuture.failedFuture(new LanguageModelException(Kind.CANCELLED, 0,
                    "The batch model was cancelled; the request was not sent", null));
        }
        if (driver == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("A BatchModel answers only the calls "
                    + "made inside its runAll(...) (or an Evaluator built with batch(...), or Predictor.predictAll): "
                    + "there the requests are gathered and sent as one batch."));
        }
        CompletableFuture<Completion> future = new CompletableFuture<>();
        synchronized (lock) {
            queue.add(new Pending(request, future));
            lock.notifyAll();
        }
        return future;
    }

    @Override
    public Completion completeBlocking(LmRequest request) {
        if (Thread.currentThread() == driver) {
            throw new IllegalStateException("A blocking call can't be answered by a batch on the thread that runs "
                    + "runAll(...): the batch is sent only once every call waits on it. Call the predictor's async "
                    + "method (predictAsync, or the signature method's ...Async) inside runAll.");
        }
        return LanguageModel.super.completeBlocking(request);
    }

    @Override
    public String id() {
        return api.id(); // a batched answer is the live model's: caches filled either way serve both
    }

    @Override
    public Optional<BatchApi> batchApi() {
        return Optional.of(api);
    }

    /** @return the ids of the batches submitted so far (resumed ones included), in order */
    public List<String> batchIds() {
        synchronized (submitted) {
            return List.copyOf(submitted);
        }
    }

    /**
     * Runs a call per item, sending their model calls as batches, round after round, until every call is done.
     *
     * @param items the inputs
     * @param call starts one call, asynchronously, on a handle whose model is this one
     * @return a future per item, in order, every one completed (normally, or exceptionally with the item's failure)
     * @throws LanguageModelException when the provider can't be reached or a result file can't be read; the
     *     checkpoint is kept then, and a rerun resumes
     */
    public <T, R> List<CompletableFuture<R>> runAll(List<T> items,
            Function<? super T, ? extends CompletableFuture<? extends R>> call) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(call, "call");
        synchronized (runLock) {
            Checkpoint saved = Checkpoint.load(checkpoint, api.id());
            driver = Thread.currentThread();
            boolean finished = false;
            try {
                List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
                for (T item : items) {
                    CompletableFuture<R> future;
                    try {
                        @SuppressWarnings("unchecked")
                        CompletableFuture<R> started = (CompletableFuture<R>) Objects.requireNonNull(call.apply(item),
                                "the call returned no future");
                        future = started;
                    } catch (RuntimeException e) {
                        future = CompletableFuture.failedFuture(e);
                    }
                    futures.add(future);
                }
                CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
                all.whenComplete((done, failure) -> {
                    synchronized (lock) {
                        lock.notifyAll();
                    }
                });
                int round = 0;
                while (!all.isDone()) {
                    List<Pending> pending = next(all);
                    if (!pending.isEmpty()) {
                        runRound(++round, pending, saved);
                    }
                }
                finished = true;
                return futures;
            } finally {
                driver = null;
                if (finished && checkpoint != null) {
                    try {
                        Files.deleteIfExists(checkpoint);
                    } catch (IOException e) {
                        LOG.warn("Could not delete the batch checkpoint {}: {}", checkpoint, e.toString());
                    }
                }
            }
        }
    }

    /**
     * The queued requests, once there are some and no more came for {@link #SETTLE} (calls that continue on other
     * threads, after a tool say, queue a little later: they join the round rather than make one of their own), or
     * none once every call is done.
     */
    private List<Pending> next(CompletableFuture<?> all) {
        synchronized (lock) {
            try {
                while (queue.isEmpty() && !all.isDone()) {
                    lock.wait(50);
                }
                int seen = -1;
                while (!queue.isEmpty() && queue.size() != seen && !cancelled) {
                    seen = queue.size();
                    long deadline = System.nanoTime() + SETTLE.toNanos();
                    for (long left = SETTLE.toMillis(); left > 0;
                            left = (deadline - System.nanoTime()) / 1_000_000) {
                        lock.wait(left);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LanguageModelException(Kind.OTHER, 0, "Interrupted while waiting for a batch", e);
            }
            List<Pending> taken = queue;
            queue = new ArrayList<>();
            return taken;
        }
    }

    /**
     * Cancels the batches in flight: their unfinished requests fail with {@code CANCELLED} (the finished ones keep
     * their answers), and so does every request made after. Callable from any thread.
     */
    public void cancel() {
        cancelled = true;
        for (String id : inFlight) {
            try {
                api.cancel(id);
            } catch (RuntimeException e) {
                LOG.warn("Could not cancel the batch {}: {}", id, e.toString());
            }
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** A request of a round, under its custom id. */
    private record Item(String customId, Pending pending) {}

    /** One part of a round: the batch of a range of its items. */
    private static final class Part {
        final int from;
        final int to;
        String fileId;
        String batchId;
        BatchApi.Status status;

        Part(int from, int to, String fileId, String batchId) {
            this.from = from;
            this.to = to;
            this.fileId = fileId;
            this.batchId = batchId;
        }
    }

    private void runRound(int round, List<Pending> pending, Checkpoint saved) {
        if (cancelled) {
            pending.forEach(p -> p.future().completeExceptionally(new LanguageModelException(Kind.CANCELLED, 0,
                    "The batch model was cancelled; the request was not sent", null)));
            return;
        }
        List<Item> items = identify(pending);
        String key = roundKey(items);
        List<Part> parts = saved.parts(key, items.size());
        if (parts == null) {
            parts = new ArrayList<>();
            saved.put(key, items.size(), parts);
        } else {
            LOG.info("Resuming round {} of {} requests from the checkpoint {}", round, items.size(), checkpoint);
        }
        Map<String, BatchApi.Result> results = new HashMap<>();
        Map<String, LanguageModelException> oversized = new HashMap<>();
        try {
            for (Part part : parts) {
                create(round, part, key, saved);
            }
            int next = parts.isEmpty() ? 0 : parts.get(parts.size() - 1).to;
            while (next < items.size()) {
                Part part = upload(items, next, oversized);
                parts.add(part);
                saved.save(); // the file and its range, before the batch: a rerun finds the batch by its file
                create(round, part, key, saved);
                next = part.to;
            }
            await(parts);
            for (Part part : parts) {
                read(part.status.outputFileId(), results);
                read(part.status.errorFileId(), results);
            }
        } finally {
            parts.forEach(part -> {
                if (part.batchId != null) {
                    inFlight.remove(part.batchId);
                }
            });
        }
        for (Part part : parts) {
            for (int i = part.from; i < part.to; i++) {
                Item item = items.get(i);
                LanguageModelException tooLarge = oversized.get(item.customId());
                BatchApi.Result result = tooLarge != null ? new BatchApi.Result(item.customId(), null, tooLarge)
                        : results.get(item.customId());
                resolve(item, result, part.status);
            }
        }
    }

    /**
     * Custom ids: the request's cache key (so a rerun gives a request the same id) and, for equal requests in
     * one round, their rank. Sorted, so that a round's order does not depend on which call asked first.
     */
    private List<Item> identify(List<Pending> pending) {
        Map<String, Integer> seen = new HashMap<>();
        List<Item> items = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            String hash = p.request().key(api.id()).substring(0, 32);
            int rank = seen.merge(hash, 1, Integer::sum) - 1;
            items.add(new Item("signet-" + hash + "-" + rank, p));
        }
        items.sort(Comparator.comparing(Item::customId));
        return items;
    }

    private static String roundKey(List<Item> items) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Item item : items) {
                digest.update(item.customId().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Creates a part's batch, unless the provider or the checkpoint has it; records it as soon as it exists. */
    private void create(int round, Part part, String key, Checkpoint saved) {
        if (part.fileId == null) { // every request of the part was over the byte limit: nothing to send
            part.status = new BatchApi.Status("none", BatchApi.State.COMPLETED, null, null, 0, 0, 0, null);
            return;
        }
        if (part.batchId == null) {
            // a process that died between the upload and recording the batch: the provider may have made it
            part.batchId = api.findByInputFile(part.fileId).orElse(null);
        }
        if (part.batchId == null) {
            part.batchId = api.create(part.fileId, Map.of("signet_round", key.substring(0, 16),
                    "signet_requests", Integer.toString(part.to - part.from)));
            saved.save();
            LOG.info("Submitted batch {} (round {}, {} requests)", part.batchId, round, part.to - part.from);
        }
        inFlight.add(part.batchId);
        synchronized (submitted) {
            submitted.add(part.batchId);
        }
        if (cancelled) {
            api.cancel(part.batchId);
        }
    }

    /**
     * Writes the input file of the next part, from item {@code from} to the request or byte limit, each line
     * rendered once, and uploads it.
     */
    private Part upload(List<Item> items, int from, Map<String, LanguageModelException> oversized) {
        Path file = null;
        try {
            Files.createDirectories(workDirectory);
            file = Files.createTempFile(workDirectory, "signet-batch-", ".jsonl");
            int to = from;
            long bytes = 0;
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                while (to < items.size() && to - from < maxRequests) {
                    Item item = items.get(to);
                    String line = api.line(item.customId(), item.pending().request());
                    long size = utf8Length(line) + 1;
                    if (size > maxBytes) { // not sent: it fails alone, the rest of the part goes
                        oversized.put(item.customId(), new LanguageModelException(Kind.BAD_REQUEST, 0, "A request of "
                                + size + " bytes is over the batch input file's limit of " + maxBytes
                                + " bytes, so it was not sent; send it live", null));
                        to++;
                        continue;
                    }
                    if (bytes + size > maxBytes) {
                        break;
                    }
                    out.write(line);
                    out.write('\n');
                    bytes += size;
                    to++;
                }
            }
            Part part = new Part(from, to, bytes == 0 ? null : api.upload(file), null);
            LOG.debug("Uploaded {} requests ({} bytes) as {}", to - from, bytes, part.fileId);
            return part;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the batch input file in " + workDirectory, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}", file, e);
                }
            }
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Polls every part until it is over, backing off from the first interval to the longest. */
    private void await(List<Part> parts) {
        Duration interval = firstPoll;
        while (true) {
            boolean over = true;
            for (Part part : parts) {
                if (part.status == null || !part.status.state().terminal()) {
                    BatchApi.Status status = api.status(part.batchId);
                    if (!status.equals(part.status)) {
                        LOG.debug("Batch {}", status);
                        if (onStatus != null) {
                            onStatus.accept(status);
                        }
                    }
                    part.status = status;
                    over &= status.state().terminal();
                }
            }
            if (over) {
                return;
            }
            synchronized (lock) {
                try {
                    lock.wait(Math.max(1, interval.toMillis())); // cancel() wakes it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LanguageModelException(Kind.OTHER, 0, "Interrupted while polling the batches "
                            + parts.stream().map(p -> p.batchId).toList() + "; rerun with the same checkpoint to "
                            + "resume them", e);
                }
            }
            interval = interval.multipliedBy(2).compareTo(maxPoll) > 0 ? maxPoll : interval.multipliedBy(2);
        }
    }

    private void read(String fileId, Map<String, BatchApi.Result> results) {
        if (fileId != null) {
            api.read(fileId, result -> results.put(result.customId(), result));
        }
    }

    /** Completes an item's future: its result, or, when the file has none, the failure its batch's end implies. */
    private void resolve(Item item, BatchApi.Result result, BatchApi.Status status) {
        CompletableFuture<Completion> future = item.pending().future();
        LanguageModelException failure;
        if (result != null && result.completion() != null) {
            future.complete(result.completion().asBatched());
            return;
        } else if (result != null) {
            failure = result.failure();
        } else {
            failure = switch (status.state()) {
                case EXPIRED -> new LanguageModelException(Kind.EXPIRED, 0, "The batch " + status.id() + " expired "
                        + "before it ran this request", null);
                case CANCELLED -> new LanguageModelException(Kind.CANCELLED, 0, "The batch " + status.id()
                        + " was cancelled before it ran this request", null);
                case FAILED -> new LanguageModelException(Kind.BAD_REQUEST, 0, "The provider failed the batch "
                        + status.id() + (status.message() == null ? "" : ": " + status.message()), null);
                default -> new LanguageModelException(Kind.INVALID_RESPONSE, 0, "The batch " + status.id() + " ended "
                        + status.state() + " without a result for the request " + item.customId(), null);
            };
        }
        if (live != null && !cancelled && RETRIED_LIVE.contains(failure.kind())) {
            LOG.debug("Retrying the batched request {} live after: {}", item.customId(), failure.getMessage());
            live.complete(item.pending().request()).whenComplete((completion, error) -> {
                if (error != null) {
                    future.completeExceptionally(error);
                } else {
                    future.complete(completion);
                }
            });
            return;
        }
        future.completeExceptionally(failure);
    }

    @Override
    public String toString() {
        return "BatchModel[" + api.id() + "]";
    }

    /** The checkpoint file: per round (by its requests' ids), the parts' files and batches. */
    private static final class Checkpoint {
        private final Path file;
        private final String apiId;
        private final Map<String, List<Part>> rounds = new LinkedHashMap<>();
        private final Map<String, Integer> sizes = new LinkedHashMap<>();

        private Checkpoint(Path file, String apiId) {
            this.file = file;
            this.apiId = apiId;
        }

        static Checkpoint load(Path file, String apiId) {
            Checkpoint checkpoint = new Checkpoint(file, apiId);
            if (file == null || !Files.exists(file)) {
                return checkpoint;
            }
            JsonNode root;
            try {
                root = Json.PLAIN.readTree(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw new ConfigurationException("The batch checkpoint " + file + " can't be read (" + e.getMessage()
                        + "); delete it to start over (its batches are then paid again).", e);
            }
            if (root == null || !CHECKPOINT_FORMAT.equals(root.path("format").asText())) {
                throw new ConfigurationException("The file " + file + " is not a Signet batch checkpoint (no "
                        + "\"format\": \"" + CHECKPOINT_FORMAT + "\"); give the batch model another checkpoint path.");
            }
            if (!apiId.equals(root.path("api").asText())) {
                throw new ConfigurationException("The batch checkpoint " + file + " holds batches of another model ("
                        + root.path("api").asText() + ", not " + apiId + "); give this run another checkpoint path.");
            }
            for (JsonNode round : root.path("rounds")) {
                List<Part> parts = new ArrayList<>();
                for (JsonNode part : round.path("parts")) {
                    parts.add(new Part(part.path("from").asInt(), part.path("to").asInt(), text(part, "file"),
                            text(part, "batch")));
                }
                checkpoint.rounds.put(round.path("key").asText(), parts);
                checkpoint.sizes.put(round.path("key").asText(), round.path("requests").asInt());
            }
            return checkpoint;
        }

        private static String text(JsonNode node, String field) {
            return node.hasNonNull(field) ? node.get(field).asText() : null;
        }

        /**
         * The parts of a round of {@code requests} requests, or null for a new round.
         *
         * @throws ConfigurationException when they are not consecutive ranges of that round
         */
        List<Part> parts(String key, int requests) {
            List<Part> parts = rounds.get(key);
            int next = 0;
            for (Part part : parts == null ? List.<Part>of() : parts) {
                if (part.from != next || part.to <= part.from || part.to > requests) {
                    throw new ConfigurationException("The batch checkpoint " + file + " holds a part of requests "
                            + part.from + " to " + part.to + " in a round of " + requests + ", after " + next
                            + "; it was edited or is of another run: delete it to start over.");
                }
                next = part.to;
            }
            return parts;
        }

        void put(String key, int requests, List<Part> parts) {
            rounds.put(key, parts);
            sizes.put(key, requests);
        }

        /** Writes the whole checkpoint atomically: a reader (a rerun) sees the old one or the new one. */
        void save() {
            if (file == null) {
                return;
            }
            ObjectNode root = Json.NODES.objectNode();
            root.put("format", CHECKPOINT_FORMAT);
            root.put("api", apiId);
            ArrayNode all = root.putArray("rounds");
            rounds.forEach((key, parts) -> {
                ObjectNode round = all.addObject();
                round.put("key", key);
                round.put("requests", sizes.get(key));
                ArrayNode list = round.putArray("parts");
                for (Part part : parts) {
                    ObjectNode node = list.addObject();
                    node.put("from", part.from);
                    node.put("to", part.to);
                    node.put("file", part.fileId);
                    node.put("batch", part.batchId);
                }
            });
            try {
                AtomicFiles.write(file, Json.dumpsIndented(root) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the batch checkpoint " + file, e);
            }
        }
    }

    /** Settings of a {@link BatchModel}. */
    public static final class Builder {
        private final BatchApi api;
        private LanguageModel live;
        private boolean retryLive;
        private Path checkpoint;
        private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private Duration firstPoll = Duration.ofSeconds(5);
        private Duration maxPoll = Duration.ofMinutes(1);
        private int maxRequests = Integer.MAX_VALUE;
        private long maxBytes = Long.MAX_VALUE;
        private Consumer<BatchApi.Status> onStatus;

        private Builder(BatchApi api) {
            this.api = api;
        }

        /**
         * Where the batches' ids are recorded, so that a rerun after a crash resumes them; default none. Its
         * directory also holds the input files while they are written.
         */
        public Builder checkpoint(Path file) {
            this.checkpoint = file;
            if (file != null && file.toAbsolutePath().getParent() != null) {
                this.workDirectory = file.toAbsolutePath().getParent();
            }
            return this;
        }

        /** How often a batch is polled: first after {@code first}, doubling up to {@code max}; default 5 s to 1 min. */
        public Builder pollInterval(Duration first, Duration max) {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("pollInterval needs 0 < first <= max, not " + first + ", " + max);
            }
            this.firstPoll = first;
            this.maxPoll = max;
            return this;
        }

        /** At most this many requests per batch (the provider's limit if lower); a round is split beyond it. */
        public Builder maxRequestsPerBatch(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRequestsPerBatch must be at least 1, not " + max);
            }
            this.maxRequests = max;
            return this;
        }

        /** At most this many bytes per input file (the provider's limit if lower); a round is split beyond it. */
        public Builder maxBytesPerFile(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBytesPerFile must be at least 1, not " + max);
            }
            this.maxBytes = max;
            return this;
        }

        /**
         * Whether a request the batch did not answer for a passing reason (expired, or failed by a server error or a
         * rate limit) is sent again live, at the live price; default false: it fails with its kind. Only for a batch
         * model {@linkplain BatchModel#builder(LanguageModel) built from its live model}.
         */
        public Builder retryLive(boolean retryLive) {
            if (retryLive && live == null) {
                throw new IllegalStateException("retryLive needs the live model: use "
                        + "BatchModel.builder(languageModel)");
            }
            this.retryLive = retryLive;
            return this;
        }

        /** Told each batch's state when it changes: for progress. */
        public Builder onStatus(Consumer<BatchApi.Status> onStatus) {
            this.onStatus = onStatus;
            return this;
        }

        public BatchModel build() {
            return new BatchModel(this);
        }
    }
}
