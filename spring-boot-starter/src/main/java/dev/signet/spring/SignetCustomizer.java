package dev.signet.spring;

import dev.signet.Signet;

/**
 * Changes the {@code Signet} bean before it is published: add an interceptor, a cache, a listener, options. Every
 * customizer bean is applied, in {@link org.springframework.core.annotation.Order} order.
 *
 * <pre>{@code
 * @Bean
 * SignetCustomizer cached(Cache cache) {
 *     return signet -> signet.withInterceptor(cache);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SignetCustomizer {
    /**
     * @param signet the handle so far
     * @return the handle to publish (handles are immutable: return the one the {@code with...} method gave)
     */
    Signet customize(Signet signet);
}
