package dev.signet.cache;

import dev.signet.lm.Completion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory cache that keeps the {@code maxEntries} most recently used completions. */
final class MemoryCache implements Cache {
    private final Map<String, Completion> entries;

    MemoryCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Completion> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<Completion> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(String key, Completion completion) {
        entries.put(key, completion);
    }

    /** @return how many completions are held */
    public synchronized int size() {
        return entries.size();
    }
}
