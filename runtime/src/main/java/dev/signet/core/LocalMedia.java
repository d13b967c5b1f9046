package dev.signet.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A local image or file, read for {@link Image#fromPath} and {@link FileInput#fromPath}: its bytes, and its media type
 * from its extension.
 */
record LocalMedia(byte[] bytes, String mediaType) {
    /**
     * @param kinds the media types by lower-case extension
     * @param what how an error names the file ({@code "image file"}, {@code "file"})
     * @param instead what to do for a file of another extension, for the error
     * @throws IllegalArgumentException if the file does not exist or its extension is not in {@code kinds}
     * @throws UncheckedIOException if it can't be read
     */
    static LocalMedia read(Path file, Map<String, String> kinds, String what, String instead) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No " + what + " at " + file + ".");
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : kinds.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new IllegalArgumentException("Cannot tell the media type of " + file + " from its name: name it "
                    + instead + ".");
        }
        try {
            return new LocalMedia(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the " + what + " " + file, e);
        }
    }
}
