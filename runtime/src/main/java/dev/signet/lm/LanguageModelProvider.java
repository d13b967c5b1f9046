package dev.signet.lm;

import java.util.Map;

/**
 * Makes a {@link LanguageModel} from the environment, for {@code Signet.fromEnv()}, which finds the providers on
 * the class path with {@link java.util.ServiceLoader}: add {@code signet-openai} (or {@code signet-anthropic})
 * and {@code Signet.fromEnv()} uses it. Implementations are listed in
 * {@code META-INF/services/dev.signet.lm.LanguageModelProvider}.
 */
public interface LanguageModelProvider {
    /** @return the provider's name, which {@code SIGNET_PROVIDER} selects: {@code openai}, {@code anthropic} */
    String name();

    /**
     * @param env the environment variables
     * @return whether the environment configures this provider (its API key is set)
     */
    boolean isConfigured(Map<String, String> env);

    /**
     * @param env the environment variables
     * @return the model they configure
     * @throws dev.signet.core.ConfigurationException naming the variable to set, when they don't
     */
    LanguageModel fromEnv(Map<String, String> env);
}
