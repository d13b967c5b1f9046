package dev.signet.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** The peak of the heap in use, sampled by a daemon thread (garbage included: it depends on the collector's pace). */
final class HeapSampler {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;

    private HeapSampler(long periodMillis) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
    }

    /** Starts sampling every {@code periodMillis}. */
    static HeapSampler start(long periodMillis) {
        HeapSampler sampler = new HeapSampler(periodMillis);
        sampler.thread.start();
        return sampler;
    }

    /** Stops sampling. */
    void stop() {
        thread.interrupt();
    }

    /** @return the peak so far, in bytes */
    long peak() {
        return peak.get();
    }
}
