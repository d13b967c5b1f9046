package dev.signet.spring;

import dev.signet.Signet;
import dev.signet.core.ConfigurationException;
import dev.signet.lm.LanguageModel;
import dev.signet.micrometer.MicrometerMetrics;
import dev.signet.micrometer.MicrometerObservations;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.otel.OpenTelemetryTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.Objects;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Signet in a Spring Boot application: a {@link LanguageModel} from the {@code signet.openai.*} properties (unless
 * the application defines one), a {@link Signet} handle over it with every {@link SignetCustomizer} applied and
 * closed on shutdown (an application's own {@code Signet} bean is used as it is: no customizer, tracing, meter or
 * health link is added to it), every generated predictor on the class path as a bean (read from the processor's
 * index, {@code META-INF/signet/predictors/}), and, when the application has them, OpenTelemetry tracing,
 * Micrometer observations (when there is no {@code OpenTelemetry} bean, so that a call is never traced twice) and
 * meters, and the {@code signet} health component.
 */
@AutoConfiguration
@EnableConfigurationProperties(SignetProperties.class)
public class SignetAutoConfiguration {
    /** The {@code OPENAI_API_KEY} environment variable, used when {@code signet.openai.api-key} is not set. */
    static final String KEY_VARIABLE = "OPENAI_API_KEY";

    private static final String OPENTELEMETRY = "io.opentelemetry.api.OpenTelemetry";

    @Bean
    @ConditionalOnMissingBean({LanguageModel.class, Signet.class})
    LanguageModel signetLanguageModel(SignetProperties properties, Environment environment) {
        SignetProperties.OpenAi openai = properties.getOpenai();
        String key = openai.getApiKey();
        if (key == null || key.isBlank()) {
            key = environment.getProperty(KEY_VARIABLE);
        }
        if (key == null || key.isBlank()) {
            throw new ConfigurationException("Signet has no OpenAI API key: set signet.openai.api-key (for example "
                    + "signet.openai.api-key=${OPENAI_API_KEY}) or the OPENAI_API_KEY environment variable; for a "
                    + "local server that needs no key, any value. Or define a LanguageModel bean of your own.");
        }
        if (openai.getBaseUrl() == null || openai.getModel() == null || openai.getTimeout() == null) {
            throw new ConfigurationException("signet.openai.base-url, signet.openai.model and signet.openai.timeout "
                    + "may not be empty: remove the property for its default.");
        }
        return OpenAiLanguageModel.builder()
                .apiKey(key)
                .baseUrl(openai.getBaseUrl())
                .model(openai.getModel())
                .timeout(openai.getTimeout())
                .maxRetries(openai.getMaxRetries())
                .maxConcurrentRequests(openai.getMaxInFlight())
                .api(openai.getApi())
                .build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Signet signet(LanguageModel languageModel, SignetProperties properties,
            ObjectProvider<SignetCustomizer> customizers) {
        Signet signet = Signet.builder().languageModel(languageModel)
                .classpathPrompts(properties.isClasspathPrompts()).build();
        for (SignetCustomizer customizer : (Iterable<SignetCustomizer>) customizers.orderedStream()::iterator) {
            signet = Objects.requireNonNull(customizer.customize(signet), () -> "the SignetCustomizer " + customizer
                    + " returned null: return the handle its with... method gave, or the one it was given");
        }
        return signet;
    }

    @Bean
    static PredictorRegistrar signetPredictorRegistrar() {
        return new PredictorRegistrar();
    }

    /** Spans for every predictor and model call, when the application has an {@code OpenTelemetry} bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = OPENTELEMETRY)
    static class Tracing {
        @Bean
        SignetCustomizer signetOpenTelemetryTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
            return signet -> {
                OpenTelemetry otel = openTelemetry.getIfUnique();
                return otel == null ? signet : OpenTelemetryTracing.create(otel).instrument(signet);
            };
        }
    }

    /**
     * An observation of every model call, when the application has an {@code ObservationRegistry} bean and no
     * {@code OpenTelemetry} bean.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ObservationRegistry.class, MicrometerObservations.class})
    static class Observations {
        @Bean
        SignetCustomizer signetObservations(ObjectProvider<ObservationRegistry> registry,
                ListableBeanFactory beans) {
            return signet -> {
                ObservationRegistry observations = registry.getIfUnique();
                if (observations == null || observations.isNoop() || hasOpenTelemetry(beans)) {
                    return signet;
                }
                return MicrometerObservations.create(observations).instrument(signet);
            };
        }

        private static boolean hasOpenTelemetry(ListableBeanFactory beans) {
            ClassLoader loader = Observations.class.getClassLoader();
            if (!ClassUtils.isPresent(OPENTELEMETRY, loader)) {
                return false;
            }
            return beans.getBeanNamesForType(ClassUtils.resolveClassName(OPENTELEMETRY, loader)).length > 0;
        }
    }

    /**
     * {@link MicrometerMetrics} on the application's {@code MeterRegistry}, with signet-micrometer present; the
     * application's own {@code MicrometerMetrics} bean (one with a price table, for {@code signet.cost}) instead.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, MicrometerMetrics.class})
    static class Metrics {
        @Bean
        SignetCustomizer signetMicrometerMetrics(ObjectProvider<MeterRegistry> registry,
                ObjectProvider<MicrometerMetrics> own) {
            return signet -> {
                MicrometerMetrics metrics = own.getIfUnique();
                if (metrics == null) {
                    MeterRegistry meters = registry.getIfUnique();
                    metrics = meters == null ? null : MicrometerMetrics.create(meters);
                }
                return metrics == null ? signet : metrics.instrument(signet);
            };
        }
    }

    /** The {@code signet} health component, with Spring Boot's health module present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean
        SignetHealthIndicator signetHealthIndicator(ObjectProvider<Signet> signet) {
            return new SignetHealthIndicator(() -> signet.getObject().languageModel().id(), Clock.systemUTC());
        }

        @Bean
        SignetCustomizer signetHealth(ObjectProvider<SignetHealthIndicator> health) {
            return signet -> {
                SignetHealthIndicator indicator = health.getIfUnique();
                return indicator == null ? signet : signet.withObservingInterceptor(indicator);
            };
        }
    }
}
