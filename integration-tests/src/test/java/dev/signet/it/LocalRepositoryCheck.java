package dev.signet.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks that the integration tests' local repository holds only Signet artifacts built by this build: every
 * {@code dev/signet} file was installed by the invoker (its {@code _remote.repositories} entry names no
 * repository), and every Signet jar is byte for byte the jar a module of the build wrote to its {@code target/}.
 * A Signet artifact resolved from outside (the machine's {@code ~/.m2}, through the ITs' settings) would mean the
 * ITs tested an earlier install, not this code.
 */
final class LocalRepositoryCheck {
    private LocalRepositoryCheck() {}

    /**
     * @param localRepository the ITs' local repository ({@code integration-tests/target/local-repo})
     * @param buildRoot the reactor's root, under which each module's {@code target/} jar is found
     * @return one line per problem; empty when every Signet artifact came from this build
     */
    static List<String> problems(Path localRepository, Path buildRoot) throws IOException {
        List<String> problems = new ArrayList<>();
        Path signet = localRepository.resolve("dev/signet");
        if (!Files.isDirectory(signet)) {
            problems.add("no Signet artifact was installed into " + localRepository
                    + ": the invoker's install goal did not run, or installed nothing");
            return problems;
        }
        Map<String, Path> built = builtJars(buildRoot);
        try (Stream<Path> files = Files.walk(signet)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals("_remote.repositories")) {
                    for (String line : Files.readAllLines(file)) {
                        int arrow = line.indexOf('>');
                        if (line.startsWith("#") || arrow < 0) {
                            continue;
                        }
                        String repository = line.substring(arrow + 1).replace("=", "");
                        if (!repository.isEmpty()) {
                            problems.add(localRepository.relativize(file.getParent()) + "/"
                                    + line.substring(0, arrow) + " was resolved from the repository '" + repository
                                    + "', not installed from this build");
                        }
                    }
                } else if (name.endsWith(".jar")) {
                    Path own = built.get(name);
                    if (own == null) {
                        problems.add(localRepository.relativize(file) + " matches no jar built under "
                                + buildRoot + "/*/target");
                    } else if (!sha256(own).equals(sha256(file))) {
                        problems.add(localRepository.relativize(file) + " differs from the jar this build made, "
                                + buildRoot.relativize(own));
                    }
                }
            }
        }
        return problems;
    }

    /** The jars the build's modules wrote, by file name: {@code <module>/target/*.jar}, samples included. */
    private static Map<String, Path> builtJars(Path buildRoot) throws IOException {
        Map<String, Path> jars = new TreeMap<>();
        try (Stream<Path> files = Files.walk(buildRoot, 4)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .filter(f -> f.getParent() != null && f.getParent().getFileName().toString().equals("target"))
                    .filter(f -> !f.startsWith(buildRoot.resolve("integration-tests/target")))
                    .forEach(f -> jars.putIfAbsent(f.getFileName().toString(), f));
        }
        return jars;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
