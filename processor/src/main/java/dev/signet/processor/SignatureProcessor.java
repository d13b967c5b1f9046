package dev.signet.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates a predictor for every {@code @dev.signet.Signature} interface: parse and validate
 * ({@link SignatureParser}), then generate ({@link PredictorGenerator}). This class is only the shell:
 * it defers interfaces whose types are not resolved yet to the next round, and never lets an exception
 * escape into javac.
 */
@AutoService(Processor.class)
public final class SignatureProcessor extends AbstractProcessor {
    /** Interfaces, by qualified name, that referred to types not yet generated. */
    private final Set<String> deferred = new LinkedHashSet<>();

    /**
     * Signet's annotations, and {@code @Generated}, which the generated predictors carry. Claiming them (by
     * returning {@code true}) keeps {@code -Xlint:processing} from warning that no processor claimed them.
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(SignatureParser.SIGNATURE, SignatureParser.INPUT_FIELD, SignatureParser.OUTPUT_FIELD,
                SignatureParser.TOOL_ARGS, PredictorGenerator.GENERATED.canonicalName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Reporter reporter = new Reporter(processingEnv.getMessager());
        SignatureParser parser = new SignatureParser(processingEnv, reporter);
        PredictorGenerator generator = new PredictorGenerator();
        for (TypeElement type : candidates(round)) {
            try {
                if (parser.hasUnresolvedTypes(type)) {
                    // A later round may generate the missing type; in the last round javac reports it itself.
                    if (!round.processingOver()) {
                        deferred.add(type.getQualifiedName().toString());
                    }
                    continue;
                }
                if (isToolArgs(type)) {
                    Optional<Model.ToolArgs> args = parser.parseToolArgs(type);
                    if (args.isPresent()) {
                        generator.generateToolArgs(args.get(), type).writeTo(processingEnv.getFiler());
                    }
                    continue;
                }
                Optional<Model.Signature> model = parser.parse(type);
                if (model.isPresent()) {
                    generator.generate(model.get(), type).writeTo(processingEnv.getFiler());
                }
            } catch (IOException | RuntimeException | Error e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        Message.INTERNAL_ERROR.format(type.getQualifiedName(), trace), type);
            }
        }
        return true;
    }

    private List<TypeElement> candidates(RoundEnvironment round) {
        List<TypeElement> types = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.add(type);
            }
        }
        deferred.clear();
        for (String name : List.of(SignatureParser.SIGNATURE, SignatureParser.TOOL_ARGS)) {
            TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
            if (annotation != null) {
                for (Element element : round.getElementsAnnotatedWith(annotation)) {
                    if (element instanceof TypeElement type) {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }

    private static boolean isToolArgs(TypeElement type) {
        return type.getAnnotationMirrors().stream().anyMatch(mirror -> ((TypeElement) mirror.getAnnotationType()
                .asElement()).getQualifiedName().contentEquals(SignatureParser.TOOL_ARGS));
    }
}
