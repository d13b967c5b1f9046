package dev.signet.junit;

import dev.signet.Signet;
import dev.signet.lm.LanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 support for testing LLM code without a network: a test method (or constructor) that takes a
 * {@link Signet} gets a handle whose model replays the completions recorded in the test's cassette, and one that
 * takes a {@link LoopbackOpenAiServer} gets a started server, closed after the test.
 *
 * <pre>{@code
 * @ExtendWith(SignetExtension.class)
 * class SupportBotTest {
 *     @Test
 *     void triagesARefundRequest(Signet signet) {
 *         TriagePredictor triage = TriagePredictor.create(signet);
 *         assertEquals(Queue.BILLING, triage.classify("I want my money back"));
 *     }
 * }
 * }</pre>
 *
 * <p>The cassette is {@code src/test/resources/signet-cassettes/<TestClass>/<testMethod>.json}, or the path a
 * {@link UseCassette} names. Run the tests once with {@code -Dsignet.record=true} and a real endpoint configured
 * ({@code Signet.fromEnv()}: {@code OPENAI_API_KEY}, ...): each call goes to the model and the cassette is written,
 * atomically, when the test ends; commit it. Without the property every call is answered from the cassette, and a
 * request it lacks fails the test with a {@link MissingRecordingError} showing where the closest recording
 * differs. A cassette holds requests and completions only: never a key, a header or an endpoint.
 */
public final class SignetExtension implements ParameterResolver, AfterEachCallback {
    /** The system property that switches to recording: {@code -Dsignet.record=true}. */
    public static final String RECORD = "signet.record";
    /** Where cassettes live unless configured. */
    public static final Path DEFAULT_CASSETTES = Path.of("src", "test", "resources", "signet-cassettes");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SignetExtension.class);

    private final Path cassettes;
    private final Supplier<LanguageModel> live;
    private final Boolean record;

    /** Cassettes under {@link #DEFAULT_CASSETTES}; recording (with {@code -Dsignet.record=true}) from the environment. */
    public SignetExtension() {
        this(DEFAULT_CASSETTES, () -> Signet.fromEnv().languageModel(), null);
    }

    private SignetExtension(Path cassettes, Supplier<LanguageModel> live, Boolean record) {
        this.cassettes = cassettes;
        this.live = live;
        this.record = record;
    }

    /** @return this extension with its cassettes under {@code directory} (for {@code @RegisterExtension}) */
    public SignetExtension cassettes(Path directory) {
        return new SignetExtension(Objects.requireNonNull(directory, "directory"), live, record);
    }

    /** @return this extension recording from {@code model} (when it records) instead of the environment's model */
    public SignetExtension liveModel(Supplier<LanguageModel> model) {
        return new SignetExtension(cassettes, Objects.requireNonNull(model, "model"), record);
    }

    /** @return this extension recording, or replaying, whatever {@code -Dsignet.record} says */
    public SignetExtension recording(boolean records) {
        return new SignetExtension(cassettes, live, records);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Signet.class || type == LoopbackOpenAiServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (parameter.getParameter().getType() == LoopbackOpenAiServer.class) {
            return store.getOrComputeIfAbsent(Server.class, k -> new Server(LoopbackOpenAiServer.start()),
                    Server.class).server();
        }
        Path file = cassette(context);
        return store.getOrComputeIfAbsent(Handle.class, k -> open(file), Handle.class).signet();
    }

    private Handle open(Path file) {
        boolean records = record != null ? record : Boolean.getBoolean(RECORD);
        if (records) {
            LanguageModel model = live.get();
            Cassette cassette = Cassette.empty(file);
            return new Handle(Signet.builder().languageModel(CassetteLanguageModel.recording(cassette, model))
                    .build(), cassette, model);
        }
        try {
            Cassette cassette = Cassette.load(file);
            return new Handle(Signet.builder().languageModel(CassetteLanguageModel.replaying(cassette)).build(),
                    null, null);
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    private Path cassette(ExtensionContext context) {
        UseCassette named = context.getTestMethod().map(m -> m.getAnnotation(UseCassette.class))
                .or(() -> context.getTestClass().map(c -> c.getAnnotation(UseCassette.class))).orElse(null);
        if (named != null) {
            return cassettes.resolve(named.value());
        }
        String method = context.getTestMethod().map(Method::getName).orElse("class");
        return cassettes.resolve(context.getRequiredTestClass().getSimpleName()).resolve(method + ".json");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Handle handle = context.getStore(NAMESPACE).get(Handle.class, Handle.class);
        if (handle != null && handle.recorded() != null) {
            handle.recorded().save(); // the test's calls, passed or failed: what the model answered
        }
    }

    /**
     * A test's handle: what it records into and the live model it opened, closed with the test (AutoCloseable for
     * JUnit 5.13 on, CloseableResource for the versions before).
     */
    private record Handle(Signet signet, Cassette recorded, LanguageModel model)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            if (model instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** A test's loopback server, closed with the test. */
    private record Server(LoopbackOpenAiServer server)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
