package dev.signet.optimizers;

import dev.signet.Signet;
import dev.signet.lm.Usage;
import dev.signet.usage.Budget;

/** Counts the model calls of an optimizer's run: a counting link added to the student's handle. */
final class Calls {
    private final Budget counter;
    private final Signet handle;

    private Calls(Signet student) {
        this.counter = Budget.unlimited();
        this.handle = student.withInterceptor(counter);
    }

    static Calls on(Signet student) {
        return new Calls(student);
    }

    /** @return the student's handle, counting its calls */
    Signet handle() {
        return handle;
    }

    long count() {
        return counter.calls();
    }

    Usage usage() {
        return counter.used();
    }
}
