package dev.signet.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.rules.PythonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A file for an input field, such as a PDF, DSPy's {@code dspy.File} ({@code File} in the prompt): its bytes as a
 * {@code data:} URI with a file name, or the id of a file uploaded to the provider beforehand. In the prompt it is
 * DSPy's custom-type block, {@code <<CUSTOM-TYPE-START-IDENTIFIER>>[{"type": "file", "file": {...}}]<<CUSTOM-TYPE-END-IDENTIFIER>>},
 * which the model client sends as a file part (OpenAI's {@code file}, the Responses API's {@code input_file},
 * Anthropic's {@code document} for a PDF). See {@link Image} for pictures.
 */
public final class FileInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("pdf", "application/pdf", "txt", "text/plain",
            "md", "text/markdown", "csv", "text/csv", "json", "application/json", "html", "text/html",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final String fileData;
    private final String fileId;
    private final String filename;

    private FileInput(String fileData, String fileId, String filename) {
        this.fileData = fileData;
        this.fileId = fileId;
        this.filename = filename;
    }

    /**
     * A local file, read now; its media type from its extension ({@code .pdf}, {@code .txt}, {@code .md},
     * {@code .csv}, {@code .json}, {@code .html}, {@code .docx}).
     *
     * @throws IllegalArgumentException if the file does not exist or its extension names no type
     * @throws UncheckedIOException if it can't be read
     */
    public static FileInput fromPath(Path file) {
        LocalMedia local = LocalMedia.read(file, TYPES, "file",
                ".pdf, .txt, .md, ..., or use FileInput.fromBytes(bytes, mediaType, filename)");
        return fromBytes(local.bytes(), local.mediaType(), file.getFileName().toString());
    }

    /**
     * @param bytes the file's content
     * @param mediaType its media type, such as {@code application/pdf}
     * @param filename its name, shown to the model
     */
    public static FileInput fromBytes(byte[] bytes, String mediaType, String filename) {
        Objects.requireNonNull(bytes, "bytes");
        if (!Objects.requireNonNull(mediaType, "mediaType").contains("/")) {
            throw new IllegalArgumentException("Not a media type: '" + mediaType + "'. Give one such as "
                    + "application/pdf.");
        }
        return new FileInput("data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes), null,
                Objects.requireNonNull(filename, "filename"));
    }

    /** A file uploaded to the provider beforehand ({@code file-...} at OpenAI). */
    public static FileInput fromFileId(String fileId) {
        if (Objects.requireNonNull(fileId, "fileId").isBlank()) {
            throw new IllegalArgumentException("A file id is not blank.");
        }
        return new FileInput(null, fileId.strip(), null);
    }

    /**
     * The file a prompt's custom-type block holds, as {@link #block()} writes it (and DSPy does).
     *
     * @return the file, or empty if the text is not one block of one {@code file}
     */
    public static Optional<FileInput> fromBlock(String text) {
        String value = text.strip();
        if (!value.startsWith(Image.START + "[{\"type\": \"file\"") || !value.endsWith(Image.END)) {
            return Optional.empty();
        }
        try {
            JsonNode parts = JSON.readTree(value.substring(Image.START.length(), value.length() - Image.END.length()));
            JsonNode file = parts.size() == 1 ? parts.get(0).path("file") : null;
            if (file == null || !file.isObject()) {
                return Optional.empty();
            }
            String data = file.path("file_data").textValue();
            String id = file.path("file_id").textValue();
            if (data == null && id == null) {
                return Optional.empty();
            }
            return Optional.of(new FileInput(data, id, file.path("filename").textValue()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return the content as a {@code data:} URI, unless the file is referred to by id */
    public Optional<String> fileData() {
        return Optional.ofNullable(fileData);
    }

    /** @return the provider's id of an uploaded file */
    public Optional<String> fileId() {
        return Optional.ofNullable(fileId);
    }

    /** @return the file's name */
    public Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    /** @return the media type of a file held here ({@code application/pdf}), else empty */
    public Optional<String> mediaType() {
        return fileData == null ? Optional.empty()
                : Optional.of(fileData.substring("data:".length(), fileData.indexOf(';')));
    }

    /**
     * @return DSPy's custom-type block for this file, as the prompt carries it: its {@code file_data},
     *     {@code file_id} and {@code filename}, those it has, in that order
     */
    public String block() {
        List<String> entries = new ArrayList<>();
        if (fileData != null) {
            entries.add("\"file_data\": " + PythonText.jsonQuote(fileData));
        }
        if (fileId != null) {
            entries.add("\"file_id\": " + PythonText.jsonQuote(fileId));
        }
        if (filename != null) {
            entries.add("\"filename\": " + PythonText.jsonQuote(filename));
        }
        return Image.START + "[{\"type\": \"file\", \"file\": {" + String.join(", ", entries) + "}}]" + Image.END;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileInput other && Objects.equals(fileData, other.fileData)
                && Objects.equals(fileId, other.fileId) && Objects.equals(filename, other.filename);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileData, fileId, filename);
    }

    /** @return the name and type, or the id: never the whole content */
    @Override
    public String toString() {
        return fileId != null ? "FileInput[" + fileId + "]"
                : "FileInput[" + filename + ", " + mediaType().orElse("?") + ", " + (fileData.length()
                        - fileData.indexOf(',') - 1) + " chars]";
    }
}
