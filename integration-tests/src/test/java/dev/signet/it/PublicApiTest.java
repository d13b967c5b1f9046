package dev.signet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The public API of the jars users compile against, listed type by type and member by member, compared with the
 * committed listing {@code docs/public-api.txt}: a change to the API shows in review, like a golden file's. To
 * accept an intended change: {@code mvn -pl integration-tests -am test -Dtest=PublicApiTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsignet.updateApi=true}, then review the diff.
 */
class PublicApiTest {
    /**
     * The packages of signet-annotations, signet-runtime (but its internals), signet-openai, signet-anthropic,
     * signet-micrometer, signet-junit, signet-spring-boot-starter, signet-mcp, signet-optimizers, signet-spark and
     * signet-testing.
     */
    static final String[] PUBLIC_PACKAGES = {"dev.signet.annotation", "dev.signet", "dev.signet.core",
        "dev.signet.lm", "dev.signet.batch", "dev.signet.adapter", "dev.signet.artifact", "dev.signet.cache",
        "dev.signet.usage",
        "dev.signet.routing", "dev.signet.eval", "dev.signet.otel", "dev.signet.dspy", "dev.signet.optimize",
        "dev.signet.openai", "dev.signet.anthropic", "dev.signet.micrometer", "dev.signet.junit",
        "dev.signet.spring", "dev.signet.mcp", "dev.signet.optimizers", "dev.signet.spark", "dev.signet.testing"};

    private static final Path LISTING = Path.of(System.getProperty("signet.it.module", "."))
            .resolve("../docs/public-api.txt").normalize();

    @Test
    void thePublicApiIsTheCommittedListing() throws IOException {
        String listing = listing();
        if (Boolean.getBoolean("signet.updateApi")) {
            Files.writeString(LISTING, listing, StandardCharsets.UTF_8);
        }
        // signet-testing's RecordedRequest.json() is for tests that assert on the wire JSON; nothing else may
        assertThat(listing.lines().filter(line -> line.contains("com.fasterxml"))
                .filter(line -> !line.contains("dev.signet.testing.")).toList())
                .as("Jackson types in the public API (give users plain values or records)").isEmpty();
        assertThat(Files.exists(LISTING)).as(LISTING + " exists (write it with -Dsignet.updateApi=true)").isTrue();
        assertThat(listing).as("the public API changed; if that is intended, run with -Dsignet.updateApi=true and "
                + "review the diff of " + LISTING).isEqualTo(Files.readString(LISTING, StandardCharsets.UTF_8));
    }

    static String listing() {
        List<Class<?>> types = new ArrayList<>();
        for (JavaClass javaClass : ArchitectureTest.SIGNET) {
            if (Arrays.asList(PUBLIC_PACKAGES).contains(javaClass.getPackageName())) {
                Class<?> type = javaClass.reflect();
                if (exported(type)) {
                    types.add(type);
                }
            }
        }
        types.sort((a, b) -> a.getName().compareTo(b.getName()));
        long topLevel = types.stream().filter(t -> t.getEnclosingClass() == null).count();
        StringBuilder out = new StringBuilder("# The public API of signet-annotations, signet-runtime (without "
                + "dev.signet.internal), signet-openai,\n# signet-anthropic, signet-micrometer, signet-junit, "
                + "signet-spring-boot-starter,\n# signet-mcp, signet-optimizers, signet-spark and signet-testing: written by PublicApiTest, reviewed like a golden file.\n");
        out.append("# ").append(topLevel).append(" top-level public types, ").append(types.size())
                .append(" with the nested ones.\n");
        for (Class<?> type : types) {
            out.append('\n').append(type.toGenericString()).append('\n');
            TreeSet<String> members = new TreeSet<>();
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers()) && !field.isSynthetic()) {
                    members.add(field.toGenericString());
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                    members.add(constructor.toGenericString());
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                    members.add(method.toGenericString());
                }
            }
            members.forEach(m -> out.append("  ").append(m).append('\n'));
        }
        return out.toString();
    }

    /** Public, and every enclosing type public. */
    private static boolean exported(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
