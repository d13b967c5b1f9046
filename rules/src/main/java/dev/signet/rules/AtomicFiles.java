package dev.signet.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader sees the old content or the new, never half of it: how every Signet module writes
 * what a user reads (artifacts, reports, checkpoints, caches).
 */
public final class AtomicFiles {
    /** The usual mode of a file a build writes ({@code rw-r--r--}), not the temporary file's own 0600. */
    private static final Set<PosixFilePermission> USUAL = PosixFilePermissions.fromString("rw-r--r--");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {}

    /** Writes text (UTF-8) to a temporary file beside the target, then moves it into place atomically. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes to a temporary file beside the target, then moves it into place atomically. */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(USUAL)}
                : new FileAttribute<?>[0];
        String prefix = "." + file.getFileName() + ".";
        removeOrphans(directory, prefix);
        Path temp = Files.createTempFile(directory, prefix + PID + ".", ".tmp", attributes);
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp); // gone after a successful move; a leftover after a failed write
        }
    }

    /**
     * Deletes the temporary files of this target left by processes that died mid-write (killed between creating
     * and moving them): their names carry the writer's process id ({@code .name.<pid>.<random>.tmp}), so a live
     * writer's file, in this process or another, is never touched.
     */
    static void removeOrphans(Path directory, String prefix) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, prefix + "*.tmp")) {
            for (Path temp : temps) {
                String rest = temp.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }
}
