package dev.signet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One predictor call in flight: its id, its parent's, whether the caller waits for it (then every model call runs
 * on the caller's thread), whether it streams, when it started, and the attempts its model calls make, in order.
 */
final class Call {
    private static final AtomicLong IDS = new AtomicLong();

    final long id;
    final long parentId;
    final boolean blocking;
    final long start;
    final Attempts attempts = new Attempts();
    /** Where the reply is streamed, for a call made with {@link Predictor#stream}; otherwise null. */
    final ModelCall.Sink sink;

    Call(long parentId, boolean blocking, ModelCall.Sink sink) {
        this.id = IDS.incrementAndGet();
        this.parentId = parentId;
        this.blocking = blocking;
        this.start = System.nanoTime();
        this.sink = sink;
    }

    private Call(Call call, boolean blocking) {
        this.id = call.id;
        this.parentId = call.parentId;
        this.blocking = blocking;
        this.start = call.start;
        this.sink = call.sink;
    }

    /** The same call, its model calls made without blocking (BestOfN's rollouts run at once). */
    Call withBlocking(boolean blockingCalls) {
        return blockingCalls == blocking ? this : new Call(this, blockingCalls);
    }

    /**
     * The attempts of a call (or of one of its rollouts), kept in order: a rollout's own list is appended to the
     * call's in rollout order, so that concurrent rollouts still give a deterministic order.
     */
    static final class Attempts {
        private final List<Attempt> list = new ArrayList<>();

        synchronized void add(Attempt attempt) {
            list.add(attempt);
        }

        synchronized void addAll(Attempts other) {
            list.addAll(other.list());
        }

        synchronized void addAllOf(List<Attempt> attempts) {
            list.addAll(attempts);
        }

        /** Sets the reward of the last attempt (the one whose outputs were scored). */
        synchronized void rewardLast(double reward) {
            if (!list.isEmpty()) {
                list.set(list.size() - 1, list.get(list.size() - 1).withReward(reward));
            }
        }

        synchronized List<Attempt> list() {
            return List.copyOf(list);
        }
    }
}
