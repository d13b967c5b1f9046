package dev.signet.spring;

import dev.signet.openai.OpenAiLanguageModel;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code signet.*} properties. Only the API key is needed; when {@code signet.openai.api-key} is not set, the
 * {@code OPENAI_API_KEY} environment variable (or property) is used.
 *
 * <pre>
 * signet.openai.api-key=${OPENAI_API_KEY}
 * signet.openai.base-url=https://api.openai.com/v1
 * signet.openai.model=gpt-4o-mini
 * signet.openai.timeout=2m
 * signet.openai.max-retries=2
 * signet.openai.max-in-flight=64
 * signet.openai.api=chat-completions
 * signet.classpath-prompts=true
 * signet.predictors.enabled=true
 * </pre>
 */
@ConfigurationProperties("signet")
public class SignetProperties {
    private final OpenAi openai = new OpenAi();
    private final Predictors predictors = new Predictors();
    /** Whether predictors use the prompts baked into META-INF/signet/prompts/ on the class path. */
    private boolean classpathPrompts = true;

    public OpenAi getOpenai() {
        return openai;
    }

    public Predictors getPredictors() {
        return predictors;
    }

    /** @return whether predictors use the prompts baked into {@code META-INF/signet/prompts/} (default true) */
    public boolean isClasspathPrompts() {
        return classpathPrompts;
    }

    public void setClasspathPrompts(boolean classpathPrompts) {
        this.classpathPrompts = classpathPrompts;
    }

    /** The OpenAI (or OpenAI-compatible) endpoint of the {@code Signet} bean's model. */
    public static class OpenAi {
        /** The API key; when unset, the OPENAI_API_KEY environment variable. Never logged. */
        private String apiKey;
        /** The endpoint: OpenAI's (https://api.openai.com/v1) or any OpenAI-compatible server's. */
        private String baseUrl = OpenAiLanguageModel.DEFAULT_BASE_URL;
        /** The model a predictor calls (gpt-4o-mini unless set). */
        private String model = OpenAiLanguageModel.DEFAULT_MODEL;
        /** How long one HTTP call may take, retries apart (2 minutes unless set). */
        private Duration timeout = OpenAiLanguageModel.DEFAULT_TIMEOUT;
        /** Retries of a rate-limited, failed or timed-out call (2 unless set). */
        private int maxRetries = OpenAiLanguageModel.DEFAULT_MAX_RETRIES;
        /** The most requests in flight at once; more wait their turn (256 unless set). */
        private int maxInFlight = OpenAiLanguageModel.DEFAULT_MAX_CONCURRENT_REQUESTS;
        /** The API called: chat-completions (any OpenAI-compatible server) or responses. */
        private OpenAiLanguageModel.Api api = OpenAiLanguageModel.Api.CHAT_COMPLETIONS;

        /** @return the API key; never logged, and masked in {@link #toString()} */
        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getModel() {
            return model;
        }

        public void setModel(String model) {
            this.model = model;
        }

        /** @return how long one HTTP call may take, retries apart */
        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** @return the retries of a rate-limited, failed or timed-out call */
        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        /** @return the most requests in flight at once (more wait their turn) */
        public int getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        /** @return the API the model is called through */
        public OpenAiLanguageModel.Api getApi() {
            return api;
        }

        public void setApi(OpenAiLanguageModel.Api api) {
            this.api = api;
        }

        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "unset" : "***")
                    + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", maxInFlight=" + maxInFlight
                    + ", api=" + api + "]";
        }
    }

    /** Which generated predictors become beans. */
    public static class Predictors {
        /** Whether every generated predictor in META-INF/signet/predictors is a bean. */
        private boolean enabled = true;

        /** @return whether every predictor in {@code META-INF/signet/predictors} is a bean (default true) */
        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
