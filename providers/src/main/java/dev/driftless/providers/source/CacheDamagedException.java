package dev.driftless.providers.source;

/**
 * The local cache repository cannot be trusted: a stale lock, a repository that does not open,
 * objects missing under a ref. Never leaves this package: {@link GitSource} answers it by
 * deleting and re-creating the cache once, or translates it into a {@link SourceException}.
 */
final class CacheDamagedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean deletable;

    CacheDamagedException(String reason, boolean deletable, Throwable cause) {
        super(reason, cause);
        this.deletable = deletable;
    }

    CacheDamagedException(String reason, Throwable cause) {
        this(reason, true, cause);
    }

    /**
     * Whether the cache directory may be deleted to recover. It may not when it holds something
     * that does not look like a repository at all: it is then someone else's folder.
     */
    boolean deletable() {
        return deletable;
    }
}
