package dev.signet.anthropic;

import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelProvider;
import java.util.Map;

/**
 * What {@code Signet.fromEnv()} finds when {@code signet-anthropic} is on the class path: an
 * {@link AnthropicLanguageModel} from {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL} and
 * {@code SIGNET_MODEL}.
 */
public final class AnthropicProvider implements LanguageModelProvider {
    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public boolean isConfigured(Map<String, String> env) {
        String key = env.get("ANTHROPIC_API_KEY");
        return key != null && !key.isBlank();
    }

    @Override
    public LanguageModel fromEnv(Map<String, String> env) {
        return AnthropicLanguageModel.fromEnv(env);
    }
}
