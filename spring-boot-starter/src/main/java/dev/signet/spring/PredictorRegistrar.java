package dev.signet.spring;

import dev.signet.Signet;
import dev.signet.core.ConfigurationException;
import dev.signet.rules.Names;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.StringUtils;

/**
 * Makes every predictor the Signet processor generated a bean: it reads the processor's index
 * ({@code META-INF/signet/predictors/<signature>} in every jar and class directory, naming the predictor class) and
 * registers each predictor, made by its {@code create(Signet)} with the {@code Signet} bean, under its class's name
 * as Spring names a component ({@code EmotionPredictor} is {@code emotionPredictor}, {@code QAPredictor} stays),
 * injected by type as its interface or its class. A bean the application defines under that name is kept instead.
 * Off with {@code signet.predictors.enabled=false}.
 */
final class PredictorRegistrar implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware,
        BeanFactoryAware, EnvironmentAware {
    private ClassLoader classLoader = PredictorRegistrar.class.getClassLoader();
    private BeanFactory beanFactory;
    private Environment environment;

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        if (!environment.getProperty("signet.predictors.enabled", Boolean.class, true)) {
            return;
        }
        for (Map.Entry<String, Class<?>> entry : predictors(classLoader).entrySet()) {
            Class<?> type = entry.getValue();
            String name = StringUtils.uncapitalizeAsProperty(type.getSimpleName());
            if (registry.containsBeanDefinition(name)) {
                continue;
            }
            Method create = factory(type, entry.getKey());
            registry.registerBeanDefinition(name, definition(type, create));
        }
    }

    private <T> RootBeanDefinition definition(Class<T> type, Method create) {
        RootBeanDefinition definition = new RootBeanDefinition(type, () -> type.cast(invoke(create)));
        definition.setDescription("the Signet predictor " + type.getName());
        return definition;
    }

    private Object invoke(Method create) {
        try {
            return create.invoke(null, beanFactory.getBean(Signet.class));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new ConfigurationException("Could not create " + create.getDeclaringClass().getName(),
                            e.getCause());
        } catch (IllegalAccessException e) {
            throw new ConfigurationException("Could not create " + create.getDeclaringClass().getName(), e);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {}

    /**
     * The predictors in the index on a class path, by signature name.
     *
     * @throws ConfigurationException naming the index entry whose predictor class can't be loaded
     */
    static Map<String, Class<?>> predictors(ClassLoader loader) {
        Resource[] entries;
        try {
            entries = new PathMatchingResourcePatternResolver(loader)
                    .getResources("classpath*:" + Names.PREDICTOR_INDEX + "/*");
        } catch (IOException e) {
            throw new ConfigurationException("Could not list " + Names.PREDICTOR_INDEX + " on the class path", e);
        }
        Map<String, Class<?>> predictors = new LinkedHashMap<>();
        for (Resource entry : entries) {
            String signature = entry.getFilename();
            String className;
            try (InputStream in = entry.getInputStream()) {
                className = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigurationException("Could not read the predictor index entry " + describe(entry), e);
            }
            try {
                predictors.putIfAbsent(signature, Class.forName(className, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigurationException("The predictor index entry " + describe(entry) + " names "
                        + className + ", which is not on the class path: the jar holding the index is stale or "
                        + "incomplete. Rebuild it (mvn compile runs the Signet processor).", e);
            }
        }
        return predictors;
    }

    private static Method factory(Class<?> type, String signature) {
        try {
            Method create = type.getMethod("create", Signet.class);
            if (Modifier.isStatic(create.getModifiers()) && type.isAssignableFrom(create.getReturnType())) {
                return create;
            }
        } catch (NoSuchMethodException e) {
            // reported below
        }
        throw new ConfigurationException(type.getName() + ", the predictor of " + signature + ", has no static "
                + "create(Signet): it was generated by another version of Signet. Rebuild it with this one.");
    }

    private static String describe(Resource entry) {
        try {
            return entry.getURL().toString();
        } catch (IOException e) {
            return entry.getDescription();
        }
    }
}
