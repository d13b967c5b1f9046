package dev.signet.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.lm.Completion;
import dev.signet.lm.ToolCall;
import dev.signet.lm.Usage;
import dev.signet.rules.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache in a directory: one small JSON file per request key ({@code ab/abcdef....json}), written to a
 * temporary file and moved into place atomically, so that several threads and several processes can share
 * the directory: a reader sees a whole entry or none. An unreadable entry is a miss, logged at WARN once per
 * file read.
 */
final class DiskCache implements Cache {
    private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path directory;

    DiskCache(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<Completion> get(String key) {
        Path file = file(key);
        try {
            JsonNode node = MAPPER.readTree(Files.readAllBytes(file));
            List<ToolCall> toolCalls = new ArrayList<>();
            for (JsonNode call : node.path("toolCalls")) {
                toolCalls.add(new ToolCall(call.get("id").textValue(), call.get("name").textValue(),
                        call.get("arguments").textValue()));
            }
            return Optional.of(new Completion(node.get("text").textValue(), node.get("model").textValue(),
                    new Usage(node.get("promptTokens").asLong(), node.get("completionTokens").asLong(),
                            node.get("totalTokens").asLong(), node.path("cachedPromptTokens").asLong(0),
                            node.path("reasoningTokens").asLong(0)),
                    node.hasNonNull("finishReason") ? node.get("finishReason").textValue() : null, false,
                    toolCalls));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the unreadable cache entry {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Completion completion) {
        Path file = file(key);
        ObjectNode node = MAPPER.createObjectNode()
                .put("text", completion.text())
                .put("model", completion.model())
                .put("promptTokens", completion.usage().promptTokens())
                .put("completionTokens", completion.usage().completionTokens())
                .put("totalTokens", completion.usage().totalTokens())
                .put("cachedPromptTokens", completion.usage().cachedPromptTokens())
                .put("reasoningTokens", completion.usage().reasoningTokens())
                .put("finishReason", completion.finishReason());
        if (!completion.toolCalls().isEmpty()) {
            var calls = node.putArray("toolCalls");
            completion.toolCalls().forEach(call -> calls.addObject().put("id", call.id()).put("name", call.name())
                    .put("arguments", call.arguments()));
        }
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            LOG.warn("Could not write the cache entry {}: {}", file, e.toString());
        }
    }

    private Path file(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
