package dev.signet.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An optimizer's checkpoint: a JSON file written atomically after every step, and read back by a rerun with the
 * same settings (one with other settings starts over). An unreadable checkpoint is a fresh start, not a failure.
 * Not public API.
 */
public final class Checkpoint {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final String settings;

    /** @param file the checkpoint file, or null for none (then nothing is read or written) */
    public Checkpoint(Path file, String settings) {
        this.file = file;
        this.settings = settings;
    }

    /** @return the saved state, or a new empty one */
    public ObjectNode read() {
        if (file != null && Files.exists(file)) {
            try {
                if (MAPPER.readTree(file.toFile()) instanceof ObjectNode root
                        && settings.equals(root.path("settings").asText())) {
                    return root;
                }
            } catch (IOException | RuntimeException e) {
                // start over
            }
        }
        return MAPPER.createObjectNode().put("settings", settings);
    }

    public void write(ObjectNode state) {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }
}
