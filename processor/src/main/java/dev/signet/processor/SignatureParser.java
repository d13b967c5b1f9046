package dev.signet.processor;

import dev.signet.processor.Model.ClassRef;
import dev.signet.processor.Model.Field;
import dev.signet.processor.Model.Kind;
import dev.signet.processor.Model.Type;
import dev.signet.rules.Constraint;
import dev.signet.rules.Names;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Parses and validates one {@code @Signature} interface into a {@link Model.Signature}. Every problem is
 * reported, on the element it concerns; a model is returned only when there is none.
 */
final class SignatureParser {
    static final String SIGNATURE = "dev.signet.annotation.Signature";
    static final String INPUT_FIELD = "dev.signet.annotation.InputField";
    static final String OUTPUT_FIELD = "dev.signet.annotation.OutputField";
    static final String TOOL_ARGS = "dev.signet.annotation.ToolArgs";
    static final String IMAGE = "dev.signet.core.Image";
    static final String FILE = "dev.signet.core.FileInput";

    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;

    SignatureParser(ProcessingEnvironment env, Reporter reporter) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.reporter = reporter;
    }

    /** The simple name of the predictor generated for an interface: enclosing names joined by {@code _}. */
    static String predictorName(ClassRef signature) {
        return Names.predictorSimpleName(signature.simpleNames());
    }

    /**
     * Whether a type refers, in its methods or in the components of the records they use (to any depth), to a
     * class that does not exist yet: perhaps another processor generates it in a later round.
     */
    boolean hasUnresolvedTypes(TypeElement type) {
        Set<String> seen = new HashSet<>();
        if (type.getKind() == ElementKind.RECORD) {
            return unresolved(type.asType(), seen);
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (unresolved(method.getReturnType(), seen)) {
                return true;
            }
            for (VariableElement parameter : method.getParameters()) {
                if (unresolved(parameter.asType(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean unresolved(TypeMirror type, Set<String> seen) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType declared = (DeclaredType) type;
        for (TypeMirror argument : declared.getTypeArguments()) {
            if (unresolved(argument, seen)) {
                return true;
            }
        }
        TypeElement element = (TypeElement) declared.asElement();
        if (element.getKind() == ElementKind.RECORD && seen.add(element.getQualifiedName().toString())) {
            for (RecordComponentElement component : element.getRecordComponents()) {
                if (unresolved(component.asType(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Parses a {@code @ToolArgs} record into the model of its generated type holder. */
    Optional<Model.ToolArgs> parseToolArgs(TypeElement type) {
        int errorsBefore = reporter.errorCount();
        if (type.getKind() != ElementKind.RECORD) {
            reporter.error(type, mirror(type, TOOL_ARGS), null, Message.TOOL_ARGS_NOT_A_RECORD, type.getSimpleName(),
                    describe(type));
            return Optional.empty();
        }
        ClassRef ref = classRef(type);
        String holderName = String.join("_", ref.simpleNames()) + "Type";
        Optional<Type> parsed = recordType(holderName, type, type, "The record " + type.getSimpleName(),
                type.getSimpleName().toString(), new ArrayDeque<>());
        if (parsed.isEmpty() || reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Model.ToolArgs(ref, holderName, parsed.get()));
    }

    Optional<Model.Signature> parse(TypeElement type) {
        int errorsBefore = reporter.errorCount();
        AnnotationMirror signature = mirror(type, SIGNATURE);
        if (type.getKind() != ElementKind.INTERFACE) {
            reporter.error(type, signature, null, Message.NOT_AN_INTERFACE, type.getSimpleName(), describe(type));
            return Optional.empty();
        }
        ClassRef ref = classRef(type);
        String predictorName = predictorName(ref);
        checkAccessible(type, predictorName);
        if (!type.getTypeParameters().isEmpty()) {
            reporter.error(type, Message.GENERIC_INTERFACE, type.getSimpleName());
            return Optional.empty();
        }
        List<ExecutableElement> abstractMethods = abstractMethods(type);
        if (abstractMethods.isEmpty()) {
            reporter.error(type, signature, null, Message.NO_ABSTRACT_METHOD, type.getSimpleName());
            return Optional.empty();
        }
        if (abstractMethods.size() > 1) {
            List<String> names = new ArrayList<>();
            abstractMethods.forEach(m -> names.add(m.getSimpleName() + "()"));
            for (ExecutableElement method : abstractMethods) {
                Element at = method.getEnclosingElement().equals(type) ? method : type;
                reporter.error(at, Message.SEVERAL_ABSTRACT_METHODS, type.getSimpleName(), abstractMethods.size(),
                        String.join(", ", names));
            }
            return Optional.empty();
        }
        ExecutableElement method = abstractMethods.get(0);
        Element methodPosition = method.getEnclosingElement().equals(type) ? method : type;
        String methodName = method.getSimpleName().toString();
        if (!method.getTypeParameters().isEmpty()) {
            reporter.error(methodPosition, Message.GENERIC_METHOD, methodName + "()");
            return Optional.empty();
        }
        checkNameClashes(type, method, predictorName);
        ExecutableType resolved = (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);

        List<Field> inputs = new ArrayList<>();
        if (method.getParameters().isEmpty()) {
            reporter.error(methodPosition, Message.NO_INPUT, methodName + "()");
        }
        Map<String, String> parameterDocs = Javadoc.params(elements.getDocComment(method));
        for (int i = 0; i < method.getParameters().size(); i++) {
            VariableElement parameter = method.getParameters().get(i);
            Element position = methodPosition == method ? parameter : type;
            String name = parameter.getSimpleName().toString();
            field(predictorName, position, name, resolved.getParameterTypes().get(i), mirror(parameter, INPUT_FIELD),
                    "InputField", "parameter " + name, name, parameterDocs.getOrDefault(name, ""), new ArrayDeque<>(),
                    constraints(parameter)).ifPresent(inputs::add);
        }

        List<Field> outputs = new ArrayList<>();
        ClassRef outputRecord = null;
        TypeMirror returnType = resolved.getReturnType();
        if (returnType.getKind() == TypeKind.VOID) {
            reporter.error(methodPosition, Message.VOID_METHOD, methodName + "()");
        } else if (isRecord(returnType)) {
            TypeElement record = (TypeElement) types.asElement(returnType);
            outputRecord = classRef(record);
            outputs.addAll(recordOutputs(record, methodPosition, predictorName));
        } else {
            field(predictorName, methodPosition, methodName, returnType, mirror(method, OUTPUT_FIELD), "OutputField",
                    "the return type of " + methodName + "()", methodName + "()", "", new ArrayDeque<>(),
                    constraints(method)).ifPresent(outputs::add);
        }
        checkNames(type, inputs, outputs);

        if (reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Model.Signature(ref, predictorName, instructions(type, signature), methodName,
                inputs, outputs, outputRecord));
    }

    private List<Field> recordOutputs(TypeElement record, Element methodPosition, String predictorName) {
        List<Field> outputs = new ArrayList<>();
        if (!record.getTypeParameters().isEmpty()) {
            reporter.error(methodPosition, Message.GENERIC_OUTPUT_RECORD, record.getSimpleName());
            return outputs;
        }
        checkAccessible(record, predictorName);
        List<? extends RecordComponentElement> components = record.getRecordComponents();
        if (components.isEmpty()) {
            reporter.error(record, Message.EMPTY_OUTPUT_RECORD, record.getSimpleName());
        }
        Map<String, String> docs = Javadoc.params(elements.getDocComment(record));
        for (RecordComponentElement component : components) {
            String name = component.getSimpleName().toString();
            String path = record.getSimpleName() + "." + name;
            Deque<String> records = new ArrayDeque<>();
            records.push(record.getQualifiedName().toString());
            field(predictorName, positionOf(component), name, component.asType(), mirror(component, OUTPUT_FIELD),
                    "OutputField", "the component " + path, path, docs.getOrDefault(name, ""), records,
                    constraints(component)).ifPresent(outputs::add);
        }
        return outputs;
    }

    /** javac has no source position for a record component; its private field has the component's. */
    private static Element positionOf(RecordComponentElement component) {
        Element record = component.getEnclosingElement();
        return ElementFilter.fieldsIn(record.getEnclosedElements()).stream()
                .filter(f -> f.getSimpleName().equals(component.getSimpleName()))
                .map(Element.class::cast)
                .findFirst().orElse(record);
    }

    /** The Bean Validation bounds of a parameter, method (its return value) or record component. */
    private List<Constraint> constraints(Element element) {
        List<AnnotationMirror> annotations = new ArrayList<>(element.getAnnotationMirrors());
        TypeMirror type = element instanceof ExecutableElement method ? method.getReturnType() : element.asType();
        annotations.addAll(type.getAnnotationMirrors());
        if (element instanceof RecordComponentElement component) {
            annotations.addAll(positionOf(component).getAnnotationMirrors());
            if (component.getAccessor() != null) {
                annotations.addAll(component.getAccessor().getAnnotationMirrors());
            }
        }
        // The same annotation may reach the component, its field and its accessor: each bound once.
        List<Constraint> constraints = new ArrayList<>();
        for (Constraint constraint : Constraints.of(annotations, elements)) {
            if (!constraints.contains(constraint)) {
                constraints.add(constraint);
            }
        }
        return constraints;
    }

    private Optional<Field> field(String owner, Element position, String javaName, TypeMirror typeMirror,
            AnnotationMirror annotation, String annotationName, String what, String path, String docDescription,
            Deque<String> records, List<Constraint> constraints) {
        Optional<Type> type = type(owner, typeMirror, position, capitalize(what), path, records, true);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String name = javaName;
        AnnotationValue nameValue = value(annotation, "name");
        if (nameValue != null && !((String) nameValue.getValue()).isEmpty()) {
            name = (String) nameValue.getValue();
        }
        if (name.equals(Names.COMPLETED)) {
            reporter.error(position, annotation, nameValue, Message.RESERVED_FIELD_NAME, name, annotationName);
            return Optional.empty();
        }
        if (Names.fieldNameProblem(name).isPresent()) {
            reporter.error(position, annotation, nameValue, Message.INVALID_FIELD_NAME, name);
            return Optional.empty();
        }
        if (annotationName.equals("OutputField") && containsMedia(type.get())) {
            reporter.error(position, Message.IMAGE_OUTPUT, name);
            return Optional.empty();
        }
        Type top = type.get().kind() == Kind.OPTIONAL ? type.get().element() : type.get();
        if (top.kind() != Kind.IMAGE && top.kind() != Kind.FILE && containsMedia(top)) {
            reporter.error(position, Message.IMAGE_NESTED, name);
            return Optional.empty();
        }
        String fieldName = name;
        return refine(type.get(), position, annotation, annotationName, fieldName)
                .map(t -> new Field(fieldName, javaName, description(annotation, docDescription), t, constraints));
    }

    /** Whether the type is or holds an Image or a FileInput. */
    private static boolean containsMedia(Type type) {
        return type.kind() == Kind.IMAGE || type.kind() == Kind.FILE
                || type.element() != null && containsMedia(type.element())
                || type.components().stream().anyMatch(c -> containsMedia(c.type()));
    }

    /** The type as {@code oneOf} (a literal) and {@code pipeUnion} (spelled {@code T | None}) refine it. */
    private Optional<Type> refine(Type type, Element position, AnnotationMirror annotation, String annotationName,
            String name) {
        Type refined = type;
        AnnotationValue oneOf = value(annotation, "oneOf");
        List<String> values = new ArrayList<>();
        if (oneOf != null && oneOf.getValue() instanceof List<?> list) {
            list.forEach(v -> values.add((String) ((AnnotationValue) v).getValue()));
        }
        if (!values.isEmpty()) {
            boolean optional = type.kind() == Kind.OPTIONAL;
            Type text = optional ? type.element() : type;
            if (text.kind() != Kind.STRING) {
                reporter.error(position, annotation, oneOf, Message.ONE_OF_NOT_STRING, annotationName, name);
                return Optional.empty();
            }
            if (values.stream().anyMatch(String::isEmpty) || values.stream().distinct().count() != values.size()) {
                reporter.error(position, annotation, oneOf, Message.ONE_OF_VALUES, annotationName, name, values);
                return Optional.empty();
            }
            Type literal = new Type(Kind.LITERAL, false, null, null, List.of(), values);
            refined = optional ? Type.container(Kind.OPTIONAL, literal) : literal;
        }
        AnnotationValue pipe = value(annotation, "pipeUnion");
        if (pipe != null && Boolean.TRUE.equals(pipe.getValue())) {
            if (refined.kind() != Kind.OPTIONAL) {
                reporter.error(position, annotation, pipe, Message.PIPE_UNION_NOT_OPTIONAL, annotationName, name);
                return Optional.empty();
            }
            refined = Type.container(Kind.OR_NONE, refined.element());
        }
        return Optional.of(refined);
    }

    /** The annotation's {@code desc}, else the Javadoc's {@code @param} text, else empty. */
    private static String description(AnnotationMirror annotation, String docDescription) {
        AnnotationValue desc = value(annotation, "desc");
        return desc != null && !((String) desc.getValue()).isEmpty() ? (String) desc.getValue() : docDescription;
    }

    /**
     * The supported type a mirror denotes; otherwise reports why, on {@code position}, naming {@code path}
     * ({@code Verdict.items[].owner}), and returns empty.
     *
     * @param what how to name this value in an error ("Parameter counts", "The value at `a.b[]`")
     * @param records the records being expanded, innermost first, to catch a record that contains itself
     * @param optionalAllowed whether an Optional may stand here (a field or a record component)
     */
    private Optional<Type> type(String owner, TypeMirror mirror, Element position, String what, String path,
            Deque<String> records, boolean optionalAllowed) {
        switch (mirror.getKind()) {
            case INT:
                return Optional.of(Type.of(Kind.INT, true));
            case LONG:
                return Optional.of(Type.of(Kind.LONG, true));
            case DOUBLE:
                return Optional.of(Type.of(Kind.DOUBLE, true));
            case BOOLEAN:
                return Optional.of(Type.of(Kind.BOOLEAN, true));
            case WILDCARD:
            case TYPEVAR:
                reporter.error(position, Message.TYPE_ARGUMENT, path, mirror);
                return Optional.empty();
            case DECLARED:
                break;
            default:
                reporter.error(position, Message.UNSUPPORTED_TYPE, what, mirror);
                return Optional.empty();
        }
        DeclaredType declared = (DeclaredType) mirror;
        TypeElement element = (TypeElement) declared.asElement();
        List<? extends TypeMirror> arguments = declared.getTypeArguments();
        switch (element.getQualifiedName().toString()) {
            case "java.lang.String":
                return Optional.of(Type.of(Kind.STRING, false));
            case "java.lang.Integer":
                return Optional.of(Type.of(Kind.INT, false));
            case "java.lang.Long":
                return Optional.of(Type.of(Kind.LONG, false));
            case "java.lang.Double":
                return Optional.of(Type.of(Kind.DOUBLE, false));
            case "java.lang.Boolean":
                return Optional.of(Type.of(Kind.BOOLEAN, false));
            case "java.math.BigDecimal":
                return Optional.of(Type.of(Kind.DECIMAL, false));
            case "java.time.LocalDate":
                return Optional.of(Type.of(Kind.DATE, false));
            case "java.time.LocalDateTime":
                return Optional.of(Type.of(Kind.DATE_TIME, false));
            case "java.time.Instant":
                return Optional.of(Type.of(Kind.INSTANT, false));
            case IMAGE:
                return Optional.of(Type.of(Kind.IMAGE, false));
            case FILE:
                return Optional.of(Type.of(Kind.FILE, false));
            case "java.util.List":
            case "java.util.Set": {
                if (arguments.size() != 1) {
                    reporter.error(position, Message.TYPE_ARGUMENT, path, mirror);
                    return Optional.empty();
                }
                Kind kind = element.getSimpleName().contentEquals("List") ? Kind.LIST : Kind.SET;
                return type(owner, arguments.get(0), position, valueAt(path + "[]"), path + "[]", records, false)
                        .map(t -> Type.container(kind, t));
            }
            case "java.util.Map": {
                if (arguments.size() != 2) {
                    reporter.error(position, Message.TYPE_ARGUMENT, path, mirror);
                    return Optional.empty();
                }
                TypeMirror key = arguments.get(0);
                if (key.getKind() != TypeKind.DECLARED
                        || !((TypeElement) ((DeclaredType) key).asElement()).getQualifiedName()
                                .contentEquals("java.lang.String")) {
                    reporter.error(position, Message.MAP_KEY, path, key);
                    return Optional.empty();
                }
                return type(owner, arguments.get(1), position, valueAt(path + "{}"), path + "{}", records, false)
                        .map(t -> Type.container(Kind.MAP, t));
            }
            case "java.util.Optional": {
                if (arguments.size() != 1) {
                    reporter.error(position, Message.TYPE_ARGUMENT, path, mirror);
                    return Optional.empty();
                }
                if (!optionalAllowed) {
                    reporter.error(position, Message.NESTED_OPTIONAL, path);
                    return Optional.empty();
                }
                return type(owner, arguments.get(0), position, what, path, records, false)
                        .map(t -> Type.container(Kind.OPTIONAL, t));
            }
            default:
                break;
        }
        if (element.getKind() == ElementKind.ENUM) {
            List<String> constants = new ArrayList<>();
            for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
                if (field.getKind() == ElementKind.ENUM_CONSTANT) {
                    constants.add(field.getSimpleName().toString());
                }
            }
            if (constants.isEmpty()) {
                reporter.error(position, Message.EMPTY_ENUM, element.getQualifiedName());
                return Optional.empty();
            }
            return Optional.of(new Type(Kind.ENUM, false, classRef(element), null, List.of(), constants));
        }
        if (element.getKind() == ElementKind.RECORD) {
            return recordType(owner, element, position, what, path, records);
        }
        reporter.error(position, Message.UNSUPPORTED_TYPE, what, mirror);
        return Optional.empty();
    }

    private static String valueAt(String path) {
        return "The value at `" + path + "`";
    }

    private Optional<Type> recordType(String owner, TypeElement record, Element position, String what, String path,
            Deque<String> records) {
        String name = record.getQualifiedName().toString();
        if (records.contains(name)) {
            reporter.error(position, Message.RECURSIVE_RECORD, record.getSimpleName(), path);
            return Optional.empty();
        }
        if (!record.getTypeParameters().isEmpty()) {
            reporter.error(position, Message.UNSUPPORTED_TYPE, what, record.asType() + " (a generic record)");
            return Optional.empty();
        }
        if (!checkAccessible(record, owner)) {
            return Optional.empty();
        }
        records.push(name);
        try {
            Map<String, String> docs = Javadoc.params(elements.getDocComment(record));
            List<Field> components = new ArrayList<>();
            boolean ok = true;
            for (RecordComponentElement component : record.getRecordComponents()) {
                String componentName = component.getSimpleName().toString();
                AnnotationMirror annotation = mirror(component, OUTPUT_FIELD) != null
                        ? mirror(component, OUTPUT_FIELD)
                        : mirror(component, INPUT_FIELD);
                String componentPath = path + "." + componentName;
                Optional<Type> type = type(owner, component.asType(), position, valueAt(componentPath),
                        componentPath, records, true);
                if (type.isEmpty()) {
                    ok = false;
                    continue;
                }
                components.add(new Field(componentName, componentName,
                        description(annotation, docs.getOrDefault(componentName, "")), type.get(),
                        constraints(component)));
            }
            return ok ? Optional.of(new Type(Kind.RECORD, false, classRef(record), null, components, List.of()))
                    : Optional.empty();
        } finally {
            records.pop();
        }
    }

    private void checkNames(TypeElement type, List<Field> inputs, List<Field> outputs) {
        Map<String, Integer> counts = new HashMap<>();
        List<Field> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        all.forEach(f -> counts.merge(f.name(), 1, Integer::sum));
        Map<String, Boolean> reported = new LinkedHashMap<>();
        for (Field field : all) {
            if (counts.get(field.name()) > 1 && reported.putIfAbsent(field.name(), true) == null) {
                reporter.error(type, Message.DUPLICATE_FIELD, field.name(), type.getSimpleName());
            }
        }
    }

    private boolean checkAccessible(TypeElement type, String predictorName) {
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                reporter.error(type, Message.NOT_ACCESSIBLE, type.getSimpleName(), "declared inside a method",
                        predictorName);
                return false;
            }
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(type, Message.NOT_ACCESSIBLE, t.getSimpleName(), "private", predictorName);
                return false;
            }
        }
        return true;
    }

    private void checkNameClashes(TypeElement type, ExecutableElement method, String predictorName) {
        String asyncName = method.getSimpleName() + "Async";
        String streamName = method.getSimpleName() + "Stream";
        Set<String> generated = Set.of("create", "named", "predictor", "predict", "predictAsync", "preview",
                "template", asyncName, streamName);
        for (Element member : elements.getAllMembers(type)) {
            String name = member.getSimpleName().toString();
            boolean clash = member.getKind() == ElementKind.METHOD && generated.contains(name)
                    || member.getKind() == ElementKind.FIELD && name.equals("SIGNATURE");
            if (clash) {
                Element at = member.getEnclosingElement().equals(type) ? member : type;
                reporter.error(at, Message.NAME_CLASH, name, type.getSimpleName(), name, predictorName);
            }
        }
    }

    private List<ExecutableElement> abstractMethods(TypeElement type) {
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
                continue;
            }
            if (OBJECT_METHODS.contains(method.getSimpleName().toString()) && isObjectMethod(method)) {
                continue;
            }
            methods.add(method);
        }
        return methods;
    }

    private boolean isObjectMethod(ExecutableElement method) {
        TypeElement object = elements.getTypeElement("java.lang.Object");
        for (ExecutableElement candidate : ElementFilter.methodsIn(object.getEnclosedElements())) {
            if (candidate.getSimpleName().equals(method.getSimpleName())
                    && candidate.getParameters().size() == method.getParameters().size()) {
                return true;
            }
        }
        return false;
    }

    /** The annotation's value, else the Javadoc's description, else {@code null} for the default sentence. */
    private String instructions(TypeElement type, AnnotationMirror signature) {
        AnnotationValue value = value(signature, "value");
        if (value != null && !((String) value.getValue()).isBlank()) {
            return (String) value.getValue();
        }
        String doc = elements.getDocComment(type);
        if (doc == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String line : doc.split("\\R", -1)) {
            if (line.strip().startsWith("@")) {
                break; // the block tags (@author, @see, ...) are not instructions
            }
            lines.add(line);
        }
        String description = Javadoc.dedent(String.join("\n", lines)).strip();
        return description.isEmpty() ? null : description;
    }

    private static boolean isRecord(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((DeclaredType) type).asElement().getKind() == ElementKind.RECORD;
    }

    private ClassRef classRef(TypeElement type) {
        List<String> names = new ArrayList<>();
        Element e = type;
        while (e instanceof TypeElement t) {
            names.add(0, t.getSimpleName().toString());
            e = e.getEnclosingElement();
        }
        PackageElement pkg = elements.getPackageOf(type);
        return new ClassRef(pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString(), names);
    }

    private static AnnotationMirror mirror(Element element, String annotation) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(annotation)) {
                return mirror;
            }
        }
        return null;
    }

    /** An explicitly set value of an annotation, or {@code null}: a default says nothing. */
    private static AnnotationValue value(AnnotationMirror mirror, String name) {
        if (mirror == null) {
            return null;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String describe(TypeElement type) {
        switch (type.getKind()) {
            case CLASS:
                return "a class";
            case ENUM:
                return "an enum";
            case RECORD:
                return "a record";
            case ANNOTATION_TYPE:
                return "an annotation type";
            default:
                return "a " + type.getKind().toString().toLowerCase(Locale.ROOT);
        }
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
