package dev.signet.junit;

/**
 * A replayed test asked the model something its cassette did not record: the message names the cassette and
 * shows where the closest recording differs. An {@link AssertionError}, so that the test fails rather than errs.
 */
public final class MissingRecordingError extends AssertionError {
    private static final long serialVersionUID = 1L;

    MissingRecordingError(String message) {
        super(message);
    }
}
