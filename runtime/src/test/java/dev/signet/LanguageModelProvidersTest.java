package dev.signet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.ConfigurationException;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code Signet.fromEnv()} picks the provider module: the only one, the configured one, or SIGNET_PROVIDER's. */
class LanguageModelProvidersTest {
    /** A provider configured by its own key variable. */
    private record Provider(String name, String keyVariable) implements LanguageModelProvider {
        @Override
        public boolean isConfigured(Map<String, String> env) {
            return env.containsKey(keyVariable);
        }

        @Override
        public LanguageModel fromEnv(Map<String, String> env) {
            throw new UnsupportedOperationException("not called by choose");
        }
    }

    private static final Provider OPENAI = new Provider("openai", "OPENAI_API_KEY");
    private static final Provider ANTHROPIC = new Provider("anthropic", "ANTHROPIC_API_KEY");

    @Test
    void theOnlyProviderIsUsedAndWithSeveralTheConfiguredOneOrTheNamedOne() {
        assertThat(LanguageModelProviders.choose(List.of(OPENAI), Map.of())).isSameAs(OPENAI);
        assertThat(LanguageModelProviders.choose(List.of(OPENAI, ANTHROPIC), Map.of("ANTHROPIC_API_KEY", "k")))
                .isSameAs(ANTHROPIC);
        assertThat(LanguageModelProviders.choose(List.of(OPENAI, ANTHROPIC),
                Map.of("OPENAI_API_KEY", "k", "ANTHROPIC_API_KEY", "k", "SIGNET_PROVIDER", " OpenAI "))).isSameAs(OPENAI);
    }

    @Test
    void noProviderOrAnAmbiguousChoiceSaysWhatToDo() {
        assertThatThrownBy(() -> LanguageModelProviders.choose(List.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("No language model provider is on the class path. Add the dependency "
                        + "dev.signet:signet-openai");
        assertThatThrownBy(() -> LanguageModelProviders.choose(List.of(OPENAI, ANTHROPIC), Map.of()))
                .hasMessage("Several language model providers are on the class path [openai, anthropic] and none is "
                        + "configured: set SIGNET_PROVIDER to the one to use.");
        assertThatThrownBy(() -> LanguageModelProviders.choose(List.of(OPENAI, ANTHROPIC),
                Map.of("OPENAI_API_KEY", "k", "ANTHROPIC_API_KEY", "k")))
                .hasMessageContaining("and several are configured");
        assertThatThrownBy(() -> LanguageModelProviders.choose(List.of(OPENAI), Map.of("SIGNET_PROVIDER", "gemini")))
                .hasMessage("SIGNET_PROVIDER is 'gemini', but the providers on the class path are [openai].");
    }
}
