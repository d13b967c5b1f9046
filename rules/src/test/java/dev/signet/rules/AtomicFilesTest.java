package dev.signet.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesTheWholeFileWithTheUsualModeAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("reports/a.json");
        AtomicFiles.write(file, "{\"a\": 1}\n");
        AtomicFiles.write(file, "{\"a\": 2}\n");

        assertThat(file).hasContent("{\"a\": 2}");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aTemporaryFileLeftByADeadWriterIsRemovedAndALiveOnesIsKept() throws Exception {
        Path file = dir.resolve("a.json");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = Files.writeString(dir.resolve(".a.json." + gone.pid() + ".123.tmp"), "{\"a\": ");
        Path live = Files.writeString(dir.resolve(".a.json." + ProcessHandle.current().pid() + ".456.tmp"), "{");
        Path other = Files.writeString(dir.resolve(".b.json." + gone.pid() + ".789.tmp"), "{");

        AtomicFiles.write(file, "{\"a\": 1}\n");

        assertThat(orphan).doesNotExist();
        assertThat(live).as("a writer still running, perhaps on another thread").exists();
        assertThat(other).as("another file's").exists();
        assertThat(file).hasContent("{\"a\": 1}");
    }
}
