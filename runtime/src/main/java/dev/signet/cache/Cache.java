package dev.signet.cache;

import dev.signet.lm.Completion;
import java.util.Optional;

/**
 * Stores completions by request key, for {@link CachingLanguageModel}. Implementations are thread-safe and
 * never fail a call: a store that can't be read or written behaves as a miss.
 */
public interface Cache {
    Optional<Completion> get(String key);

    void put(String key, Completion completion);
}
