package dev.signet.core;

/**
 * Signet was set up wrongly: a missing environment variable, an invalid base URL, a missing model. The
 * message names what to set. It never contains a secret.
 */
public final class ConfigurationException extends SignetException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
