package dev.signet;

import dev.signet.adapter.PartialParser;
import dev.signet.core.Field;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Futures;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A prediction streamed as the model writes it: a {@link Flow.Publisher} of {@link StreamEvent}s, each output
 * field growing and then done, ending with the prediction. From {@link Predictor#stream} or a generated
 * predictor's {@code ...Stream} method.
 *
 * <pre>{@code
 * Prediction<Answer> answer = qa.answerStream("Who wrote Dune?").forEach(event -> {
 *     if (event.fieldDone()) {
 *         System.out.println(event.field().get() + ": " + event.outputs().get(event.field().get()));
 *     }
 * }).join();
 * }</pre>
 *
 * <p>The stream is cold: each subscriber makes its own call, which starts at its first {@code request}. Events
 * come in order, never more than requested; those the subscriber has not asked for yet wait (one reply's worth at
 * most). Cancelling the subscription stops the call and closes its connection. A call that fails ends the stream
 * with {@code onError}: the exception {@link Predictor#predict} would throw, a
 * {@link dev.signet.lm.LanguageModelException} with the {@link dev.signet.lm.LanguageModelException#partialText
 * partial text} when the stream broke after it began. Immutable and thread-safe; subscribe from any thread.
 *
 * @param <O> the output type
 */
public final class PredictionStream<O> implements Flow.Publisher<StreamEvent<O>> {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionStream.class);

    private final SignatureDescription signature;
    private final Function<ModelCall.Sink, CompletableFuture<Prediction<Outputs>>> start;
    private final Function<? super Outputs, ? extends O> partial;
    private final Function<? super Outputs, ? extends O> result;

    PredictionStream(SignatureDescription signature,
            Function<ModelCall.Sink, CompletableFuture<Prediction<Outputs>>> start,
            Function<? super Outputs, ? extends O> partial, Function<? super Outputs, ? extends O> result) {
        this.signature = signature;
        this.start = start;
        this.partial = partial;
        this.result = result;
    }

    /**
     * The same stream with typed outputs: what a generated predictor returns.
     *
     * @param partialOutput the typed output of outputs that may lack fields (for {@link StreamEvent#partial})
     * @param output the typed output of complete outputs (for the prediction)
     * @param <T> the typed output
     * @return the typed stream
     */
    public <T> PredictionStream<T> map(Function<? super Outputs, ? extends T> partialOutput,
            Function<? super Outputs, ? extends T> output) {
        return new PredictionStream<>(signature, start, Objects.requireNonNull(partialOutput, "partialOutput"),
                Objects.requireNonNull(output, "output"));
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StreamEvent<O>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Subscription<O> subscription = new Subscription<>(this, subscriber);
        subscriber.onSubscribe(subscription);
    }

    /**
     * Subscribes, asking for every event, and tells {@code onEvent} each in turn, on the thread that reads the
     * reply: the simple way to consume a stream.
     *
     * @param onEvent told each event, the final one included; if it throws, the stream is cancelled and the
     *     returned future fails with what it threw
     * @return the prediction, when the stream ends; cancelling it cancels the stream
     */
    public CompletableFuture<Prediction<O>> forEach(Consumer<? super StreamEvent<O>> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent");
        CompletableFuture<Prediction<O>> prediction = new CompletableFuture<>();
        subscribe(new Flow.Subscriber<StreamEvent<O>>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                prediction.whenComplete((done, failure) -> {
                    if (failure != null) {
                        s.cancel(); // the caller cancelled the future, or onEvent failed
                    }
                });
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(StreamEvent<O> event) {
                try {
                    onEvent.accept(event);
                } catch (RuntimeException | Error e) {
                    prediction.completeExceptionally(e);
                    return;
                }
                event.prediction().ifPresent(prediction::complete);
            }

            @Override
            public void onError(Throwable failure) {
                prediction.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                if (!prediction.isDone()) {
                    prediction.completeExceptionally(new IllegalStateException("the stream ended without a "
                            + "prediction"));
                }
            }
        });
        return prediction;
    }

    /**
     * One subscriber's call: it receives the reply's pieces (as the call's {@link ModelCall.Sink}), turns them into
     * events with the adapter's {@link PartialParser}, and hands the events to the subscriber as it asks for them.
     * The pieces of one reply come one after another, so the parsing state has one writer at a time; the queue
     * and the drain loop make the subscriber's calls serial and bounded by its demand.
     */
    private static final class Subscription<O> implements Flow.Subscription, ModelCall.Sink {
        private final PredictionStream<O> stream;
        private final Flow.Subscriber<? super StreamEvent<O>> subscriber;
        private final Queue<StreamEvent<O>> events = new ConcurrentLinkedQueue<>();
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile Future<?> inFlight;
        /** Set once the last event is queued: how the stream ends. */
        private final AtomicReference<End> end = new AtomicReference<>();
        private boolean terminated;

        // the parsing state: written by the thread that delivers the current reply's pieces
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Set<String> done = new LinkedHashSet<>();
        private PartialParser parser = PartialParser.SILENT;
        private int replies;
        private volatile long firstText;

        Subscription(PredictionStream<O> stream, Flow.Subscriber<? super StreamEvent<O>> subscriber) {
            this.stream = stream;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(new IllegalArgumentException("request(" + n + "): a subscriber must request at least one "
                        + "event (Reactive Streams rule 3.9)"));
                return;
            }
            demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            if (started.compareAndSet(false, true)) {
                CompletableFuture<Prediction<Outputs>> call;
                try {
                    call = stream.start.apply(this);
                } catch (RuntimeException e) {
                    call = CompletableFuture.failedFuture(e);
                }
                call.whenComplete(this::finish);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            Future<?> reply = inFlight;
            if (reply != null) {
                reply.cancel(true);
            }
            drain();
        }

        @Override
        public Consumer<String> begin(ModelCall call) {
            if (cancelled) {
                throw new CancellationException("the stream was cancelled");
            }
            parser = call.adapter().partialParser(call.signature());
            firstText = 0;
            if (replies++ > 0) {
                values.clear();
                done.clear();
                emit(null, false, true, null);
            }
            return this::piece;
        }

        @Override
        public void inFlight(Future<?> reply) {
            inFlight = reply;
            if (cancelled) {
                reply.cancel(true);
            }
        }

        @Override
        public long firstTextNanos() {
            return firstText;
        }

        private void piece(String text) {
            if (firstText == 0) {
                firstText = System.nanoTime();
            }
            if (cancelled) {
                return;
            }
            for (PartialParser.Update update : parser.feed(text)) {
                values.put(update.field(), update.value());
                if (update.done()) {
                    done.add(update.field());
                }
                emit(update.field(), update.done(), false, null);
            }
        }

        /** The call is over: the fields not yet reported done are, from the prediction, then the prediction. */
        private void finish(Prediction<Outputs> prediction, Throwable error) {
            if (error == null) {
                try {
                    Outputs outputs = prediction.outputs();
                    for (Field field : stream.signature.outputs()) {
                        Object value = outputs.asMap().get(field.name());
                        if (value != null && (!done.contains(field.name())
                                || !Objects.equals(values.get(field.name()), value))) {
                            values.put(field.name(), value);
                            done.add(field.name());
                            emit(field.name(), true, false, null);
                        }
                    }
                    values.clear();
                    values.putAll(outputs.asMap());
                    emit(null, false, false, prediction.map(stream.result));
                } catch (RuntimeException e) {
                    error = e;
                }
            }
            end.compareAndSet(null, new End(error == null ? null : Futures.unwrap(error)));
            drain();
        }

        private void emit(String field, boolean fieldDone, boolean restarted, Prediction<O> prediction) {
            Outputs outputs = Outputs.of(values);
            O typed = prediction != null ? prediction.output() : typedPartial(outputs);
            events.add(new StreamEvent<>(typed, outputs, field, fieldDone, done, restarted, prediction));
            drain();
        }

        /** The typed partial output, or null when the output type refuses missing values (a record that checks). */
        private O typedPartial(Outputs outputs) {
            try {
                return stream.partial.apply(outputs);
            } catch (RuntimeException e) {
                LOG.debug("No typed partial output for {}: {}", outputs.asMap().keySet(), e.toString());
                return null;
            }
        }

        /** Ends the stream with an error now, whatever the call does. */
        private void fail(Throwable error) {
            end.set(new End(error));
            events.clear();
            Future<?> reply = inFlight;
            if (reply != null) {
                reply.cancel(true);
            }
            drain();
        }

        /** How a stream ends: with {@code onComplete} when {@code failure} is null, else {@code onError}. */
        private record End(Throwable failure) {}

        /** Hands the subscriber what it asked for, from one thread at a time. */
        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (terminated) {
                    return;
                }
                if (cancelled) {
                    events.clear();
                    terminated = true;
                    return;
                }
                long wanted = demand.get();
                long sent = 0;
                while (sent != wanted && !cancelled) {
                    StreamEvent<O> event = events.poll();
                    if (event == null) {
                        break;
                    }
                    if (!deliver(event)) {
                        return;
                    }
                    sent++;
                }
                if (sent != 0 && wanted != Long.MAX_VALUE) {
                    demand.addAndGet(-sent);
                }
                End ending = end.get();
                if (ending != null && events.isEmpty() && !cancelled) {
                    terminated = true;
                    Throwable error = ending.failure();
                    if (error == null) {
                        subscriber.onComplete();
                    } else {
                        subscriber.onError(error);
                    }
                    return;
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private boolean deliver(StreamEvent<O> event) {
            try {
                subscriber.onNext(event);
                return true;
            } catch (RuntimeException e) {
                // a subscriber must not throw (Reactive Streams rule 2.13): its subscription is cancelled
                LOG.warn("The subscriber {} of a prediction stream threw; the stream is cancelled", subscriber, e);
                cancelled = true;
                terminated = true;
                Future<?> reply = inFlight;
                if (reply != null) {
                    reply.cancel(true);
                }
                return false;
            }
        }
    }
}
