package dev.signet.optimizers;

import dev.signet.Signet;
import dev.signet.lm.Usage;
import dev.signet.usage.Budget;

/**
 * Counts the model calls of an optimizer's run: a counting link added to the student's handle and to the handle
 * its own programs (proposer, reflection) run on.
 */
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

    /** @return another handle the run calls models on (a proposer's), its calls counted with the student's */
    Signet counted(Signet other) {
        return other.withInterceptor(counter);
    }

    long count() {
        return counter.calls();
    }

    Usage usage() {
        return counter.used();
    }
}
