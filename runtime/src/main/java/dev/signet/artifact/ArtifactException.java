package dev.signet.artifact;

import dev.signet.core.SignetException;

/**
 * A prompt artifact is malformed, of an unknown format version, or no longer matches its signature. The message
 * names the file (or resource), the field, or the exact difference, and what to do.
 */
public final class ArtifactException extends SignetException {
    private static final long serialVersionUID = 1L;

    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
