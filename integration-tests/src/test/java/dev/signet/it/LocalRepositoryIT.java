package dev.signet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs after every invoker project (failsafe, after the invoker in the same phase): the Signet artifacts the ITs
 * used are the ones this build made.
 */
class LocalRepositoryIT {
    @Test
    void everySignetArtifactTheIntegrationTestsUsedCameFromThisBuild() throws IOException {
        Path module = Path.of(System.getProperty("signet.it.module", ".")).toAbsolutePath();
        assertThat(LocalRepositoryCheck.problems(module.resolve("target/local-repo"), module.getParent()))
                .as("Signet artifacts in the ITs' local repository that this build did not make")
                .isEmpty();
    }
}
