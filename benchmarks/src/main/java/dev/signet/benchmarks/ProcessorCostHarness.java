package dev.signet.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The annotation processor's cost: 200 generated signatures (three inputs of three kinds, a record of two outputs,
 * one of them an enum) compiled in one javac run with the processor and without it ({@code -proc:none}),
 * alternating, seven times each after two warm-up runs of each, in this JVM. Reports the median of each and the
 * processing time per signature: (with - without) / 200, which covers the processor's own work and the compiling
 * of the 200 classes it generates.
 *
 * <p>Run (the compile scope puts the processor on the class path):
 * {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dexec.classpathScope=compile -Dbench.main=dev.signet.benchmarks.ProcessorCostHarness -Dbench.args=}
 */
public final class ProcessorCostHarness {
    private static final int SIGNATURES = 200;
    private static final int ROUNDS = 7;

    private ProcessorCostHarness() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("signet-processor-cost");
        List<String> sources = write(work.resolve("src"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("java.class.path");
        List<Long> with = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        for (int round = -2; round < ROUNDS; round++) {
            long processed = compile(javac, work, classpath, sources, true, round);
            long plain = compile(javac, work, classpath, sources, false, round);
            if (round >= 0) {
                with.add(processed);
                without.add(plain);
            }
        }
        long withMedian = median(with);
        long withoutMedian = median(without);
        System.out.printf(Locale.ROOT, "%d signatures: javac with the processor %d ms, without %d ms (medians of %d); "
                + "%.2f ms per signature (%.2fx the compile without it)%n", SIGNATURES, withMedian, withoutMedian,
                ROUNDS, (withMedian - withoutMedian) / (double) SIGNATURES, (double) withMedian / withoutMedian);
    }

    private static long compile(JavaCompiler javac, Path work, String classpath, List<String> sources,
            boolean processor, int round) throws IOException {
        Path out = Files.createDirectories(work.resolve("out-" + processor + "-" + round));
        Path generated = Files.createDirectories(work.resolve("gen-" + processor + "-" + round));
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-s", generated.toString(),
                "-cp", classpath, "--release", "17", "-implicit:none"));
        if (processor) {
            options.addAll(List.of("-processorpath", classpath, "-processor",
                    "dev.signet.processor.SignatureProcessor"));
        } else {
            options.add("-proc:none");
        }
        options.addAll(sources);
        long start = System.nanoTime();
        int status = javac.run(null, null, null, options.toArray(new String[0]));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (status != 0) {
            throw new IllegalStateException("javac failed (its errors are above)");
        }
        if (processor) {
            try (Stream<Path> files = Files.walk(generated)) {
                long count = files.filter(f -> f.toString().endsWith("Predictor.java")).count();
                if (count != SIGNATURES) {
                    throw new IllegalStateException("the processor generated " + count + " predictors");
                }
            }
        }
        return millis;
    }

    private static List<String> write(Path src) throws IOException {
        Path pkg = Files.createDirectories(src.resolve("bench/gen"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < SIGNATURES; i++) {
            Path file = pkg.resolve("Task" + i + ".java");
            Files.writeString(file, String.join("\n",
                    "package bench.gen;",
                    "import dev.signet.annotation.InputField;",
                    "import dev.signet.annotation.OutputField;",
                    "import dev.signet.annotation.Signature;",
                    "import java.util.List;",
                    "/** Triage ticket " + i + ". */",
                    "@Signature",
                    "public interface Task" + i + " {",
                    "    Result run(@InputField(desc = \"the ticket\") String ticket,",
                    "               @InputField(desc = \"earlier tickets\") List<String> history,",
                    "               int priority);",
                    "    enum Team { BILLING, TECHNICAL, SALES }",
                    "    record Result(@OutputField(desc = \"who takes it\") Team team,",
                    "                  @OutputField(desc = \"how sure\") double confidence) {}",
                    "}", ""));
            files.add(file.toString());
        }
        return files;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
