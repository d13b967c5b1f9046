package dev.signet.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering of Signet's jars, checked on their classes: the runtime's packages in layers with no cycles, the
 * runtime's internals used by the runtime alone, the OpenAI SDK by signet-openai alone and the Anthropic SDK by
 * signet-anthropic alone. (That no Jackson type is in the public API is {@link PublicApiTest}'s.)
 */
class ArchitectureTest {
    /** The runtime's packages, the {@code signet-runtime} jar. */
    static final String[] RUNTIME = {"dev.signet", "dev.signet.core", "dev.signet.internal", "dev.signet.lm",
        "dev.signet.batch",
        "dev.signet.adapter", "dev.signet.artifact", "dev.signet.cache", "dev.signet.usage", "dev.signet.routing",
        "dev.signet.eval", "dev.signet.otel", "dev.signet.dspy", "dev.signet.optimize"};

    static final JavaClasses SIGNET = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.signet");

    @Test
    void theClassesOfEveryJarAreThere() {
        for (String pkg : List.of("dev.signet", "dev.signet.annotation", "dev.signet.rules", "dev.signet.processor",
                "dev.signet.openai", "dev.signet.anthropic", "dev.signet.micrometer", "dev.signet.junit",
                "dev.signet.spring", "dev.signet.mcp", "dev.signet.optimizers", "dev.signet.maven",
                "dev.signet.testing", "dev.signet.spark")) {
            if (SIGNET.stream().noneMatch(c -> c.getPackageName().equals(pkg))) {
                throw new AssertionError("no class of " + pkg + " was imported: the rules below would pass vacuously");
            }
        }
    }

    @Test
    void theRuntimeIsInLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("dev.signet.core")
                .layer("internal").definedBy("dev.signet.internal")
                .layer("lm").definedBy("dev.signet.lm")
                .layer("batch").definedBy("dev.signet.batch")
                .layer("adapter").definedBy("dev.signet.adapter")
                .layer("artifact").definedBy("dev.signet.artifact")
                .layer("handle").definedBy("dev.signet")
                .layer("tools").definedBy("dev.signet.cache", "dev.signet.usage", "dev.signet.routing",
                        "dev.signet.eval", "dev.signet.otel", "dev.signet.dspy", "dev.signet.optimize")
                .whereLayer("tools").mayNotBeAccessedByAnyLayer()
                .whereLayer("handle").mayOnlyBeAccessedByLayers("tools")
                .whereLayer("adapter").mayOnlyBeAccessedByLayers("handle", "tools")
                .whereLayer("artifact").mayOnlyBeAccessedByLayers("handle", "tools")
                .whereLayer("batch").mayOnlyBeAccessedByLayers("handle", "tools")
                .whereLayer("lm").mayOnlyBeAccessedByLayers("batch", "adapter", "artifact", "handle", "tools")
                .whereLayer("internal").mayOnlyBeAccessedByLayers("lm", "batch", "adapter", "artifact", "handle",
                        "tools")
                .check(SIGNET);
    }

    @Test
    void noPackageOfAnyJarIsInACycle() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return javaClass.getPackageName().startsWith("dev.signet")
                        ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "Signet's packages";
            }
        }).should().beFreeOfCycles().check(SIGNET);
    }

    @Test
    void onlyTheRuntimeUsesItsInternals() {
        noClasses().that().resideOutsideOfPackages(RUNTIME)
                .should().dependOnClassesThat().resideInAPackage("dev.signet.internal..")
                .because("dev.signet.internal is not API: the other jars, generated code and users use the runtime's "
                        + "public types")
                .check(SIGNET);
    }

    @Test
    void onlySignetOpenAiUsesTheOpenAiSdk() {
        noClasses().that().resideOutsideOfPackage("dev.signet.openai..")
                .should().dependOnClassesThat().resideInAPackage("com.openai..")
                .because("modules, optimizers and the plugin talk to models through LanguageModel and the chain")
                .check(SIGNET);
    }

    @Test
    void onlySignetAnthropicUsesTheAnthropicSdk() {
        noClasses().that().resideOutsideOfPackage("dev.signet.anthropic..")
                .should().dependOnClassesThat().resideInAPackage("com.anthropic..")
                .because("modules, optimizers and the plugin talk to models through LanguageModel and the chain")
                .check(SIGNET);
    }

    @Test
    void onlySignetMicrometerUsesMicrometer() {
        noClasses().that().resideOutsideOfPackages("dev.signet.micrometer..", "dev.signet.spring..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .because("the runtime's own dependencies stay Jackson and SLF4J; metrics are an optional module, "
                        + "which the Spring starter wires to the application's registries")
                .check(SIGNET);
    }

    @Test
    void onlySignetSparkUsesSpark() {
        noClasses().that().resideOutsideOfPackage("dev.signet.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .because("Spark is the cluster's, provided: the rest of Signet runs without it")
                .check(SIGNET);
    }

    @Test
    void onlySignetMcpUsesTheMcpSdk() {
        noClasses().that().resideOutsideOfPackage("dev.signet.mcp..")
                .should().dependOnClassesThat().resideInAPackage("io.modelcontextprotocol..")
                .because("MCP tools reach the rest of Signet as Tools; the SDK and its Jackson 3 stay in signet-mcp")
                .check(SIGNET);
    }

    @Test
    void onlyTheSpringStarterUsesSpring() {
        noClasses().that().resideOutsideOfPackage("dev.signet.spring..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("Spring is the application's choice: the runtime and the other modules work without it")
                .check(SIGNET);
    }
}
