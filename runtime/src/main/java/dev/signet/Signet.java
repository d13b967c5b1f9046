package dev.signet;

import dev.signet.adapter.Adapter;
import dev.signet.adapter.ChatAdapter;
import dev.signet.artifact.ArtifactException;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.ConfigurationException;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.core.SignetException;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime handle: one immutable object holding everything a predictor call needs — the language model,
 * the adapter, the default request options, the prompt states by predictor name, the chain of interceptors every
 * model call passes, and the listeners told about every call. There is no global configuration: predictors are
 * created from a handle, and a different model is a different handle.
 *
 * <pre>{@code
 * Signet signet = Signet.fromEnv();                 // e.g. OPENAI_API_KEY, OPENAI_BASE_URL, SIGNET_MODEL
 * QA qa = QAPredictor.create(signet);
 * String answer = qa.answer("Who wrote Dune?");
 *
 * Signet careful = signet.withOptions(signet.options().withTemperature(0.0));
 * }</pre>
 *
 * <p>Handles are thread-safe and cheap to copy; the copies share the language model and its connection pool.
 * {@link #close()} releases that model's resources (its connection pool and threads): call it once, on any one
 * of the copies, when the application no longer needs the model.
 */
public final class Signet implements AutoCloseable {
    private final LanguageModel languageModel;
    private final Adapter adapter;
    private final LmOptions options;
    private final boolean jsonFallback;
    private final int parseRepairs;
    private final Map<String, PromptState> prompts;
    private final Map<String, PromptArtifact> artifacts;
    private final boolean classpathPrompts;
    private final List<PredictorListener> listeners;
    private final List<Interceptor> interceptors;
    /** The links every model call passes: the built-in ones, then {@link #interceptors}. */
    private final List<Interceptor> chain;
    /** Artifacts found on the class path, by class loader and predictor name; shared by the copies of a handle. */
    private final Map<ClassLoader, Map<String, Optional<PromptArtifact>>> classpathArtifacts;

    private Signet(Builder builder) {
        this.languageModel = builder.languageModel;
        this.adapter = builder.adapter;
        this.options = builder.options;
        this.jsonFallback = builder.jsonFallback;
        this.parseRepairs = builder.parseRepairs;
        this.prompts = Map.copyOf(builder.prompts);
        this.artifacts = Map.copyOf(builder.artifacts);
        this.classpathPrompts = builder.classpathPrompts;
        this.listeners = List.copyOf(builder.listeners);
        this.interceptors = List.copyOf(builder.interceptors);
        this.chain = Chains.links(jsonFallback, parseRepairs, interceptors);
        this.classpathArtifacts = builder.classpathArtifacts != null ? builder.classpathArtifacts
                : new ConcurrentHashMap<>();
    }

    /**
     * A handle on the language model the environment configures, through the provider module on the class path
     * ({@code signet-openai}: {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code SIGNET_MODEL}). With several
     * providers, {@code SIGNET_PROVIDER} names the one to use (otherwise the one whose key is set).
     *
     * @throws ConfigurationException naming the dependency to add or the variable to set
     */
    public static Signet fromEnv() {
        return fromEnv(System.getenv());
    }

    /** A handle configured from these environment variables; see {@link #fromEnv()}. */
    static Signet fromEnv(Map<String, String> env) {
        return builder().languageModel(LanguageModelProviders.choose(env).fromEnv(env)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public LanguageModel languageModel() {
        return languageModel;
    }

    public Adapter adapter() {
        return adapter;
    }

    public LmOptions options() {
        return options;
    }

    /** @return whether a ChatAdapter reply that can't be parsed is asked again with the JsonAdapter */
    public boolean jsonFallback() {
        return jsonFallback;
    }

    /** @return how many times, at most, a parse error is sent back to the model for a corrected reply */
    public int parseRepairs() {
        return parseRepairs;
    }

    /** @return the prompt state the handle holds for a predictor name, if any */
    public Optional<PromptState> prompt(String predictorName) {
        return Optional.ofNullable(prompts.get(predictorName));
    }

    /**
     * The prompt state a predictor of this name, whose model sees this signature, uses: one set with
     * {@link #withPrompt}, else one from a prompt artifact ({@link #withArtifact}, {@link #withArtifactsFrom}, or
     * baked into the class path under {@value PromptArtifact#CLASSPATH_DIRECTORY}), else none (the signature's own).
     *
     * @throws ArtifactException naming the artifact's file when it was made for another version of the signature
     */
    public Optional<PromptState> promptFor(String predictorName, SignatureDescription signature) {
        PromptState explicit = prompts.get(predictorName);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        PromptArtifact artifact = artifacts.get(predictorName);
        if (artifact != null) {
            return Optional.of(artifact.state(signature));
        }
        if (!classpathPrompts) {
            return Optional.empty();
        }
        return BakedArtifacts.find(classpathArtifacts, predictorName).map(found -> found.state(signature));
    }

    /** @return a handle like this one that uses this artifact for the predictor it names */
    public Signet withArtifact(PromptArtifact artifact) {
        Map<String, PromptArtifact> more = new LinkedHashMap<>(artifacts);
        more.put(artifact.predictor(), artifact);
        return toBuilder().artifacts(more).build();
    }

    /**
     * @return a handle like this one that uses every {@code *.json} prompt artifact in a directory
     * @throws ArtifactException naming a file that can't be read
     */
    public Signet withArtifactsFrom(Path directory) {
        Map<String, PromptArtifact> more = new LinkedHashMap<>(artifacts);
        more.putAll(BakedArtifacts.inDirectory(directory));
        return toBuilder().artifacts(more).build();
    }

    /** @return every prompt state the handle holds, by predictor name */
    public Map<String, PromptState> prompts() {
        return prompts;
    }

    /** @return the listeners told about every predictor made on this handle and every call */
    public List<PredictorListener> listeners() {
        return listeners;
    }

    /** @return the interceptors every model call passes, in order (after the built-in repair, fallback, parse) */
    public List<Interceptor> interceptors() {
        return interceptors;
    }

    /**
     * @return a handle like this one whose predictors named {@code predictorName} use this prompt state
     *     (instructions and demos) instead of their signature's
     */
    public Signet withPrompt(String predictorName, PromptState state) {
        Map<String, PromptState> more = new LinkedHashMap<>(prompts);
        more.put(Objects.requireNonNull(predictorName, "predictorName"), Objects.requireNonNull(state, "state"));
        return toBuilder().prompts(more).build();
    }

    /** @return a handle like this one holding these prompt states (by predictor name) in place of its own */
    public Signet withPrompts(Map<String, PromptState> states) {
        return toBuilder().prompts(states).build();
    }

    /**
     * @return a handle like this one that also tells {@code listener} about every predictor and call: give a
     *     program run its own {@link TraceRecorder} this way
     */
    public Signet withListener(PredictorListener listener) {
        return toBuilder().listener(listener).build();
    }

    /**
     * @return a handle like this one whose model calls also pass {@code interceptor}, after the interceptors it
     *     has (so closer to the model)
     */
    public Signet withInterceptor(Interceptor interceptor) {
        return toBuilder().interceptor(interceptor).build();
    }

    /**
     * @return a handle like this one whose model calls pass {@code observer} right after its last
     *     {@link Interceptor.Router} (first if it has none): where a tracing or metering link sees every model
     *     call, each model a router tries and each cache hit included
     */
    public Signet withObservingInterceptor(Interceptor observer) {
        List<Interceptor> links = new ArrayList<>(interceptors);
        int at = 0;
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i) instanceof Interceptor.Router) {
                at = i + 1;
            }
        }
        links.add(at, Objects.requireNonNull(observer, "observer"));
        return toBuilder().interceptors(links).build();
    }

    /** @return a handle like this one that calls another language model */
    public Signet withModel(LanguageModel model) {
        return toBuilder().languageModel(model).build();
    }

    /** @return a handle like this one with other default request options */
    public Signet withOptions(LmOptions other) {
        return toBuilder().options(other).build();
    }

    /** @return a builder holding this handle's settings */
    public Builder toBuilder() {
        Builder builder = new Builder().languageModel(languageModel).adapter(adapter).options(options)
                .jsonFallback(jsonFallback).parseRepairs(parseRepairs).prompts(prompts).artifacts(artifacts)
                .classpathPrompts(classpathPrompts).interceptors(interceptors);
        listeners.forEach(builder::listener);
        builder.classpathArtifacts = classpathArtifacts;
        return builder;
    }

    /** Sends a model call down this handle's chain. */
    CompletableFuture<Exchange> send(ModelCall call) {
        return Chains.proceed(chain, languageModel, call);
    }

    /**
     * Closes the language model, if it holds resources ({@link AutoCloseable}), and then each interceptor that
     * does. Every handle copied from this one shares them, so none of the copies can be used afterwards.
     */
    @Override
    public void close() {
        List<Object> resources = new ArrayList<>();
        resources.add(languageModel);
        resources.addAll(interceptors);
        SignetException failure = null;
        for (Object resource : resources) {
            if (resource instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new SignetException("Could not close " + resource, e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Signet[languageModel=" + languageModel + ", adapter=" + adapter.name() + ", options=" + options
                + ", interceptors=" + interceptors + "]";
    }

    /** Builds a {@link Signet} handle. Only the language model is required. */
    public static final class Builder {
        private LanguageModel languageModel;
        private Adapter adapter = new ChatAdapter();
        private LmOptions options = LmOptions.DEFAULTS;
        private boolean jsonFallback = true;
        private int parseRepairs = 1;
        private Map<String, PromptState> prompts = Map.of();
        private Map<String, PromptArtifact> artifacts = Map.of();
        private boolean classpathPrompts = true;
        private final List<PredictorListener> listeners = new ArrayList<>();
        private List<Interceptor> interceptors = new ArrayList<>();
        private Map<ClassLoader, Map<String, Optional<PromptArtifact>>> classpathArtifacts;

        private Builder() {}

        /** Prompt artifacts by predictor name. */
        public Builder artifacts(Map<String, PromptArtifact> artifacts) {
            this.artifacts = Map.copyOf(artifacts);
            return this;
        }

        /**
         * Whether predictors look for an artifact baked into the class path
         * ({@value PromptArtifact#CLASSPATH_DIRECTORY}{@code <name>.json}). Default true.
         */
        public Builder classpathPrompts(boolean classpathPrompts) {
            this.classpathPrompts = classpathPrompts;
            return this;
        }

        /** Prompt states by predictor name; predictors without one use their signature's. */
        public Builder prompts(Map<String, PromptState> prompts) {
            this.prompts = Map.copyOf(prompts);
            return this;
        }

        /** Adds a listener told about every predictor and call. */
        public Builder listener(PredictorListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds an interceptor, after those added before (so closer to the model). */
        public Builder interceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** The interceptors, in order, in place of those added so far. */
        public Builder interceptors(List<Interceptor> all) {
            interceptors = new ArrayList<>(all);
            interceptors.forEach(i -> Objects.requireNonNull(i, "interceptor"));
            return this;
        }

        /**
         * Whether a ChatAdapter reply that can't be parsed is asked again with the JsonAdapter (structured
         * outputs), as DSPy does. Default true.
         */
        public Builder jsonFallback(boolean jsonFallback) {
            this.jsonFallback = jsonFallback;
            return this;
        }

        /**
         * How many times, at most, a reply that still can't be parsed is sent back to the model with the parse
         * error, for a corrected reply. Default 1; 0 turns repairs off.
         */
        public Builder parseRepairs(int parseRepairs) {
            if (parseRepairs < 0) {
                throw new IllegalArgumentException("parseRepairs must be >= 0, was " + parseRepairs);
            }
            this.parseRepairs = parseRepairs;
            return this;
        }

        public Builder languageModel(LanguageModel languageModel) {
            this.languageModel = Objects.requireNonNull(languageModel, "languageModel");
            return this;
        }

        /** The adapter; default {@link ChatAdapter}. */
        public Builder adapter(Adapter adapter) {
            this.adapter = Objects.requireNonNull(adapter, "adapter");
            return this;
        }

        /** Default options of every request; default: none set, so the model's own defaults apply. */
        public Builder options(LmOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** @throws ConfigurationException if no language model was given */
        public Signet build() {
            if (languageModel == null) {
                throw new ConfigurationException("No language model: call Signet.builder().languageModel(...), "
                        + "or use Signet.fromEnv() with a provider module (dev.signet:signet-openai) on the class "
                        + "path.");
            }
            return new Signet(this);
        }
    }
}
