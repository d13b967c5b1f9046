package dev.signet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check itself, on repositories laid out by hand: it must catch what it exists to catch. */
class LocalRepositoryCheckTest {
    @TempDir
    Path root;

    private Path repo;

    private void layOut(String remoteEntry, byte[] installed) throws IOException {
        Files.createDirectories(root.resolve("runtime/target"));
        Files.write(root.resolve("runtime/target/signet-runtime-1.0.jar"), new byte[] {1, 2, 3});
        repo = root.resolve("integration-tests/target/local-repo");
        Path version = Files.createDirectories(repo.resolve("dev/signet/signet-runtime/1.0"));
        Files.write(version.resolve("signet-runtime-1.0.jar"), installed);
        Files.writeString(version.resolve("_remote.repositories"), "#NOTE: resolver file\n"
                + "signet-runtime-1.0.jar>" + remoteEntry + "=\nsignet-runtime-1.0.pom>=\n");
    }

    @Test
    void artifactsInstalledFromTheBuildPass() throws IOException {
        layOut("", new byte[] {1, 2, 3});
        assertThat(LocalRepositoryCheck.problems(repo, root)).isEmpty();
    }

    @Test
    void anArtifactResolvedFromTheOuterRepositoryFails() throws IOException {
        layOut("local.central", new byte[] {1, 2, 3});
        assertThat(LocalRepositoryCheck.problems(repo, root)).singleElement().asString()
                .contains("signet-runtime-1.0.jar was resolved from the repository 'local.central'");
    }

    @Test
    void aJarOtherThanTheOneBuiltFails() throws IOException {
        layOut("", new byte[] {9});
        assertThat(LocalRepositoryCheck.problems(repo, root)).singleElement().asString()
                .contains("differs from the jar this build made");
    }

    @Test
    void aRepositoryWithoutSignetFails() throws IOException {
        assertThat(LocalRepositoryCheck.problems(root.resolve("empty"), root)).singleElement().asString()
                .contains("no Signet artifact was installed");
    }
}
