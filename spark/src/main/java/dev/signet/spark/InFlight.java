package dev.signet.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A partition's rows, each started as an asynchronous call as soon as fewer than {@code max} are in flight, and
 * handed on in their order as their calls end: at most {@code max} rows are held, and no thread waits per row.
 *
 * @param <I> an input row
 * @param <O> an output row
 */
final class InFlight<I, O> implements Iterator<O> {
    private final Iterator<I> input;
    private final int max;
    private final Function<I, CompletableFuture<O>> start;
    private final ArrayDeque<CompletableFuture<O>> window;

    InFlight(Iterator<I> input, int max, Function<I, CompletableFuture<O>> start) {
        this.input = input;
        this.max = max;
        this.start = start;
        this.window = new ArrayDeque<>(max);
    }

    private void fill() {
        while (window.size() < max && input.hasNext()) {
            window.add(start.apply(input.next()));
        }
    }

    @Override
    public boolean hasNext() {
        fill();
        return !window.isEmpty();
    }

    @Override
    public O next() {
        fill();
        CompletableFuture<O> head = window.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        O out;
        try {
            out = head.get(); // a row's failure is in its own columns: the future never fails
        } catch (InterruptedException e) { // the task was killed: the calls in flight are not waited for
            Thread.currentThread().interrupt();
            window.forEach(call -> call.cancel(true));
            throw new IllegalStateException("Interrupted while waiting for a model call", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("A row's call failed outside its own columns", e.getCause());
        }
        fill(); // start the next while the caller handles this one
        return out;
    }
}
