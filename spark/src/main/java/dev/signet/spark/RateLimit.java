package dev.signet.spark;

/** Calls per second for one executor: each call waits for its slot (evenly spaced, no bursts). */
final class RateLimit {
    static final RateLimit NONE = new RateLimit(0);

    private final long intervalNanos;
    private long next = System.nanoTime();

    RateLimit(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    /** Waits until the next call may start. */
    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(next, now);
            next = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
