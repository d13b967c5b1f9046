package dev.signet.usage;

import dev.signet.core.SignetException;

/** A call was refused because it would go past the budget. Nothing was sent. */
public final class BudgetExceededException extends SignetException {
    private static final long serialVersionUID = 1L;

    public BudgetExceededException(String message) {
        super(message);
    }
}
