package dev.signet.optimize;

import dev.signet.Signet;
import dev.signet.eval.Metric;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What a tool gives an {@link OptimizerProvider}: the metric, named settings as text ({@code seed=7},
 * {@code maxMetricCalls=300}), a directory for checkpoints, the handle the optimizer's own programs run on
 * (MIPROv2's proposer, GEPA's reflection) and a log for progress lines. Reading a setting marks it as read, so that
 * a tool can warn about the ones no optimizer read (a misspelt name).
 */
public final class OptimizerSettings {
    private final Metric metric;
    private final Map<String, String> properties;
    private final Path workDirectory;
    private final UnaryOperator<Signet> proposer;
    private final Consumer<String> log;
    private final Set<String> read = Collections.synchronizedSet(new TreeSet<>());

    /**
     * @param metric scores predictions
     * @param properties the settings by name
     * @param workDirectory where checkpoints go, or {@code null} for none
     * @param proposer makes the handle the optimizer's own programs run on from the program's; {@code null}: the
     *     program's
     * @param log told progress, a line at a time; {@code null}: nowhere
     */
    public OptimizerSettings(Metric metric, Map<String, String> properties, Path workDirectory,
            UnaryOperator<Signet> proposer, Consumer<String> log) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        this.workDirectory = workDirectory;
        this.proposer = proposer == null ? UnaryOperator.identity() : proposer;
        this.log = log == null ? line -> { } : log;
    }

    /** Settings with only a metric: every optimizer's defaults. */
    public static OptimizerSettings of(Metric metric) {
        return new OptimizerSettings(metric, Map.of(), null, null, null);
    }

    public Metric metric() {
        return metric;
    }

    /** @return the settings by name, as given */
    public Map<String, String> properties() {
        return properties;
    }

    /** @return the handle the optimizer's own programs (proposer, reflection) run on, for the program's handle */
    public Signet proposer(Signet program) {
        return proposer.apply(program);
    }

    /** @return where progress lines go */
    public Consumer<String> log() {
        return log;
    }

    /** @return a setting's text, if set */
    public Optional<String> text(String name) {
        read.add(name);
        return Optional.ofNullable(properties.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** @return a whole-number setting, or the default @throws IllegalArgumentException if it is not a number */
    public long number(String name, long defaultValue) {
        return text(name).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The optimizer setting " + name + " must be a whole number, not '"
                        + value + "'.");
            }
        }).orElse(defaultValue);
    }

    /** @return an int setting, or the default @throws IllegalArgumentException if it is not a number */
    public int integer(String name, int defaultValue) {
        long value = number(name, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The optimizer setting " + name + " is out of range: " + value + ".");
        }
        return (int) value;
    }

    /** @return where an optimizer keeps the checkpoint of this name, or {@code null} without a work directory */
    public Path checkpoint(String fileName) {
        return workDirectory == null ? null : workDirectory.resolve(fileName);
    }

    /** @return the settings given that nothing read */
    public Set<String> unread() {
        Set<String> unread = new TreeSet<>(properties.keySet());
        synchronized (read) {
            unread.removeAll(read);
        }
        return unread;
    }
}
