package dev.signet.eval;

import dev.signet.core.SignetException;
import java.nio.file.Path;
import java.util.Optional;

/** A dataset file could not be read or written: names the file and, for a bad line, the line and field. */
public final class DatasetException extends SignetException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String field;

    public DatasetException(Path file, int line, String field, String message, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    /** @return the 1-based line number, or 0 when the problem is not on one line */
    public int line() {
        return line;
    }

    /** @return the field concerned, if any */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
