package dev.signet.cache;

import dev.signet.lm.Completion;
import dev.signet.lm.Usage;
import java.nio.file.Path;

/** Run in a second JVM by {@link CachingTest}: writes entries into a shared cache directory. */
public final class DiskCacheWriter {
    private DiskCacheWriter() {}

    public static void main(String[] args) {
        Cache cache = Cache.onDisk(Path.of(args[0]));
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            cache.put(CachingTest.key(prefix + i), new Completion(prefix + " text " + i, "m", new Usage(i, 1, i + 1),
                    "stop"));
            // Both processes also write the same shared keys, with the same content.
            cache.put(CachingTest.key("shared" + i), new Completion("shared text " + i, "m", Usage.ZERO, "stop"));
        }
    }
}
