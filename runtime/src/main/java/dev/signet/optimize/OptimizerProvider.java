package dev.signet.optimize;

/**
 * Makes an optimizer from settings, for tools that choose one by id: the Maven plugin's
 * {@code -Dsignet.optimizer=gepa} finds the provider of that id with {@link java.util.ServiceLoader}. Listed in
 * {@code META-INF/services/dev.signet.optimize.OptimizerProvider}; {@code signet-optimizers} provides
 * {@code labeledFewShot}, {@code bootstrapFewShot}, {@code randomSearch}, {@code mipro} and {@code gepa}.
 */
public interface OptimizerProvider {
    /** @return the id that selects it ({@code gepa}) */
    String id();

    /** @return what it does, in a line, for listings */
    String description();

    /**
     * @param settings the metric, the settings by name, where to keep checkpoints, and where to log
     * @return the optimizer
     * @throws IllegalArgumentException naming a setting whose value is invalid
     */
    Optimizer create(OptimizerSettings settings);
}
