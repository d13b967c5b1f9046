package dev.signet.internal;

/** Resource handling shared by the decorating language models. Not public API. */
public final class Resources {
    private Resources() {}

    /** Closes an object if it holds resources ({@link AutoCloseable}): a decorator closes what it wraps. */
    public static void closeIfCloseable(Object object) throws Exception {
        if (object instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
