package dev.signet.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.rules.PythonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image for an input field, DSPy's {@code dspy.Image}: a URL the provider fetches ({@code https:}, {@code http:},
 * {@code gs:}) or the image itself as a {@code data:} URI. In the prompt it is DSPy's custom-type block,
 * {@code <<CUSTOM-TYPE-START-IDENTIFIER>>[{"type": "image_url", "image_url": {"url": "..."}}]<<CUSTOM-TYPE-END-IDENTIFIER>>},
 * which the provider's model client sends as an image part of the message ({@code Message#parts()}), so prompts,
 * artifacts and caches stay text and render as DSPy renders them.
 *
 * <p>Nothing here touches the network: {@link #fromPath} reads a local file, the other factories take what they are
 * given.
 */
public final class Image {
    /** Where DSPy's custom-type block starts. */
    public static final String START = "<<CUSTOM-TYPE-START-IDENTIFIER>>";
    /** Where DSPy's custom-type block ends. */
    public static final String END = "<<CUSTOM-TYPE-END-IDENTIFIER>>";

    private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp", "bmp", "image/bmp",
            "svg", "image/svg+xml", "tif", "image/tiff", "tiff", "image/tiff", "pdf", "application/pdf");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;

    private Image(String url) {
        this.url = url;
    }

    /**
     * @param url an {@code https:}, {@code http:} or {@code gs:} URL, or a {@code data:} URI
     * @throws IllegalArgumentException for anything else, such as a local path (use {@link #fromPath})
     */
    public static Image fromUrl(String url) {
        Objects.requireNonNull(url, "url");
        String value = url.strip();
        if (value.startsWith("data:")) {
            int comma = value.indexOf(',');
            if (comma < 0 || !value.substring(0, comma).contains("/")) {
                throw new IllegalArgumentException("Not a data URI of an image: '" + abbreviate(value) + "'. Write "
                        + "data:<media type>;base64,<data>, or use Image.fromBytes(bytes, mediaType).");
            }
            return new Image(value);
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https") || scheme.equals("gs")) && uri.getHost() != null) {
                return new Image(value);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("Not an image URL: '" + abbreviate(value) + "'. Give an https:, http: "
                + "or gs: URL or a data: URI; for a local file use Image.fromPath(path).");
    }

    /**
     * @param bytes the image's bytes
     * @param mediaType its media type, such as {@code image/png}
     */
    public static Image fromBytes(byte[] bytes, String mediaType) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
        if (!mediaType.contains("/")) {
            throw new IllegalArgumentException("Not a media type: '" + mediaType + "'. Give one such as image/png.");
        }
        return new Image("data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * A local file, read now, as a {@code data:} URI; its media type from its extension ({@code .png},
     * {@code .jpg}, {@code .jpeg}, {@code .gif}, {@code .webp}, ...).
     *
     * @throws IllegalArgumentException if the file does not exist or its extension names no image type
     * @throws UncheckedIOException if it can't be read
     */
    public static Image fromPath(Path file) {
        LocalMedia local = LocalMedia.read(file, TYPES, "image file",
                ".png, .jpg, .gif, .webp, ..., or use Image.fromBytes(bytes, mediaType)");
        return fromBytes(local.bytes(), local.mediaType());
    }

    /**
     * The image a prompt's custom-type block holds, as {@link #block()} writes it (and DSPy does).
     *
     * @return the image, or empty if the text is not one block of one {@code image_url}
     */
    public static Optional<Image> fromBlock(String text) {
        String value = text.strip();
        String head = START + "[{\"type\": \"image_url\", \"image_url\": {\"url\": ";
        String tail = "}}]" + END;
        if (!value.startsWith(head) || !value.endsWith(tail)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromUrl(JSON.readValue(value.substring(head.length(),
                    value.length() - tail.length()), String.class)));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** @return the URL, or the {@code data:} URI */
    public String url() {
        return url;
    }

    /** @return whether the image is held here, as a {@code data:} URI, rather than at a URL */
    public boolean isData() {
        return url.startsWith("data:");
    }

    /**
     * @return DSPy's custom-type block for this image, as the prompt carries it:
     *     {@code <<CUSTOM-TYPE-START-IDENTIFIER>>[{"type": "image_url", "image_url": {"url": "..."}}]<<CUSTOM-TYPE-END-IDENTIFIER>>}
     */
    public String block() {
        return START + "[{\"type\": \"image_url\", \"image_url\": {\"url\": " + PythonText.jsonQuote(url) + "}}]"
                + END;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && url.equals(other.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }

    /** @return the URL, or a {@code data:} URI's media type and size: never the whole base64 text */
    @Override
    public String toString() {
        if (isData()) {
            int comma = url.indexOf(',');
            return "Image[" + url.substring(0, comma) + ", " + (url.length() - comma - 1) + " chars]";
        }
        return "Image[" + url + "]";
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
