package dev.signet.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.Module;
import dev.signet.Prediction;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Completion;
import dev.signet.lm.Usage;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingTest {
    private static final SignatureDescription QA = SignatureDescription.builder("QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("m").build();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TypedPredictor<String> qa(Cache cache) {
        Signet signet = Signet.builder().languageModel(lm).interceptor(cache).build();
        return TypedPredictor.create(signet, QA, o -> ((String) o.get("answer")));
    }

    @Test
    void aSecondIdenticalRunMakesNoRequestAndCostsNothing() {
        server.respondWith(request -> Reply.fields("answer", "answer to " + request.lastUserMessage().split("\n")[1]));
        TypedPredictor<String> first = qa(Cache.onDisk(dir));
        for (int i = 0; i < 20; i++) {
            first.call(Map.of("question", "q" + i));
        }
        assertThat(server.requestCount()).isEqualTo(20);

        TypedPredictor<String> second = qa(Cache.onDisk(dir)); // a new cache object on the same directory
        for (int i = 0; i < 20; i++) {
            Prediction<String> prediction = second.predictAsync(Map.of("question", "q" + i)).join();
            assertThat(prediction.output()).isEqualTo("answer to q" + i);
            assertThat(prediction.cacheHit()).isTrue();
            assertThat(prediction.usage()).isEqualTo(Usage.ZERO);
        }
        assertThat(server.requestCount()).isEqualTo(20);
    }

    @Test
    void distinctOptionsAndSeedsKeepDistinctEntries() {
        server.respondWith(request -> Reply.fields("answer", "seed " + request.json().path("seed").asText("none")));
        MemoryCache cache = new MemoryCache(100);
        Signet signet = Signet.builder().languageModel(lm).interceptor(cache).build();
        TypedPredictor<String> bestOf = TypedPredictor.create(signet, QA, o -> ((String) o.get("answer")),
                Module.bestOfN(3, (inputs, outputs) -> 0.0, 1.0));

        bestOf.call(Map.of("question", "q"));
        bestOf.call(Map.of("question", "q"));

        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void theMemoryCacheEvictsTheLeastRecentlyUsed() {
        MemoryCache cache = new MemoryCache(2);
        Completion c = new Completion("x", "m", Usage.ZERO, "stop");
        cache.put("a", c);
        cache.put("b", c);
        cache.get("a");
        cache.put("c", c);

        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aCorruptedEntryIsAMissAndIsRewritten() throws Exception {
        server.respondWith(request -> Reply.fields("answer", "fresh"));
        Cache cache = Cache.onDisk(dir);
        qa(cache).call(Map.of("question", "q"));
        Path entry;
        try (Stream<Path> files = Files.walk(dir)) {
            entry = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Files.writeString(entry, "{\"text\": trunc");
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DiskCache.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings =
                new ch.qos.logback.core.read.ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        try {
            assertThat(qa(cache).call(Map.of("question", "q"))).isEqualTo("fresh");
        } finally {
            logger.detachAppender(warnings);
        }
        assertThat(warnings.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(event.getFormattedMessage()).startsWith("Ignoring the unreadable cache entry " + entry);
        });
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(cache.get(entry.getFileName().toString().replace(".json", ""))).isPresent();
    }

    @Test
    void twoJvmsSharingOneDirectoryLoseNothing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DiskCacheWriter.class.getName(), dir.toString(), "child", "300")
                .redirectErrorStream(true).start();
        DiskCacheWriter.main(new String[] {dir.toString(), "parent", "300"});
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(other.exitValue()).as(new String(other.getInputStream().readAllBytes())).isZero();

        Cache cache = Cache.onDisk(dir);
        for (int i = 0; i < 300; i++) {
            for (String prefix : List.of("parent", "child")) {
                assertThat(cache.get(key(prefix + i))).get().extracting(Completion::text)
                        .isEqualTo(prefix + " text " + i);
            }
            assertThat(cache.get(key("shared" + i))).get().extracting(Completion::text).isEqualTo("shared text " + i);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }
}
