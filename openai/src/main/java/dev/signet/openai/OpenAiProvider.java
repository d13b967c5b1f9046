package dev.signet.openai;

import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelProvider;
import java.util.Map;

/**
 * What {@code Signet.fromEnv()} finds when {@code signet-openai} is on the class path: an
 * {@link OpenAiLanguageModel} from {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} and {@code SIGNET_MODEL}.
 */
public final class OpenAiProvider implements LanguageModelProvider {
    @Override
    public String name() {
        return "openai";
    }

    @Override
    public boolean isConfigured(Map<String, String> env) {
        String key = env.get("OPENAI_API_KEY");
        return key != null && !key.isBlank();
    }

    @Override
    public LanguageModel fromEnv(Map<String, String> env) {
        return OpenAiLanguageModel.fromEnv(env);
    }
}
