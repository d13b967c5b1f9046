package dev.signet;

import dev.signet.core.ConfigurationException;
import dev.signet.lm.LanguageModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Which language model provider {@link Signet#fromEnv()} uses: found with {@link ServiceLoader}, chosen by the environment. */
final class LanguageModelProviders {
    private LanguageModelProviders() {}

    /** @return the provider on the class path that the environment selects */
    static LanguageModelProvider choose(Map<String, String> env) {
        List<LanguageModelProvider> providers = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ServiceLoader.load(LanguageModelProvider.class, loader != null ? loader : Signet.class.getClassLoader())
                .forEach(providers::add);
        return choose(providers, env);
    }

    static LanguageModelProvider choose(List<LanguageModelProvider> providers, Map<String, String> env) {
        if (providers.isEmpty()) {
            throw new ConfigurationException("No language model provider is on the class path. Add the dependency "
                    + "dev.signet:signet-openai (OpenAI and every OpenAI-compatible server) or "
                    + "dev.signet:signet-anthropic, or build the handle with Signet.builder().languageModel(...).");
        }
        List<String> names = providers.stream().map(LanguageModelProvider::name).toList();
        String chosen = env.get("SIGNET_PROVIDER");
        if (chosen != null && !chosen.isBlank()) {
            return providers.stream().filter(p -> p.name().equalsIgnoreCase(chosen.strip())).findFirst()
                    .orElseThrow(() -> new ConfigurationException("SIGNET_PROVIDER is '" + chosen + "', but the "
                            + "providers on the class path are " + names + "."));
        }
        if (providers.size() == 1) {
            return providers.get(0);
        }
        List<LanguageModelProvider> configured = providers.stream().filter(p -> p.isConfigured(env)).toList();
        if (configured.size() == 1) {
            return configured.get(0);
        }
        throw new ConfigurationException("Several language model providers are on the class path " + names
                + (configured.isEmpty() ? " and none is configured" : " and several are configured")
                + ": set SIGNET_PROVIDER to the one to use.");
    }
}
