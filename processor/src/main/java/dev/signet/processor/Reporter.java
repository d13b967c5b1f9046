package dev.signet.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports errors on the narrowest position javac can show, and remembers whether any was reported. */
final class Reporter {
    private final Messager messager;
    private int errors;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    void error(Element element, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
    }

    void error(Element element, AnnotationMirror mirror, AnnotationValue value, Message message, Object... args) {
        errors++;
        if (mirror == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
        } else if (value == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, mirror);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, mirror, value);
        }
    }

    int errorCount() {
        return errors;
    }
}
