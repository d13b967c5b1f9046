package dev.signet.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.TestInfo;

/**
 * Compares generated sources with the goldens under
 * {@code src/test/resources/goldens/<TestClass>/<method>/<fqcn>.java}. After an intended change to the
 * generator, regenerate them with {@code mvn -pl processor test -Dsignet.updateGoldens=true} and review the
 * diff.
 */
final class Goldens {
    private static final Path ROOT = Path.of("src", "test", "resources", "goldens");

    private Goldens() {}

    static void assertGeneratedMatchesGolden(Compilation compilation, String fqcn, TestInfo test) {
        JavaFileObject file = compilation.generatedSourceFile(fqcn)
                .orElseThrow(() -> new AssertionError("no generated source " + fqcn + "; generated: "
                        + compilation.generatedSourceFiles()));
        String actual;
        try {
            actual = file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path golden = ROOT.resolve(test.getTestClass().orElseThrow().getSimpleName())
                .resolve(test.getTestMethod().orElseThrow().getName())
                .resolve(fqcn + ".java");
        try {
            if (Boolean.getBoolean("signet.updateGoldens")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual);
                return;
            }
            assertThat(golden).as("golden file (regenerate with -Dsignet.updateGoldens=true)").exists();
            assertThat(actual).isEqualTo(Files.readString(golden));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
