package dev.signet.usage;

import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Usage;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A language model that refuses calls past a budget: at most so many calls, tokens, or so much cost. Optimizers
 * run under one. The check is made before each call (calls in flight count), so work stops with a
 * {@link BudgetExceededException} before the limit is passed; tokens and cost are counted as replies arrive,
 * so a call is refused once the budget is used up.
 *
 * <pre>{@code
 * Budget budget = Budget.of(signet.languageModel()).maxCalls(500).maxTokens(200_000);
 * Signet limited = signet.withModel(budget);
 * }</pre>
 */
public final class Budget implements LanguageModel, AutoCloseable {
    private final LanguageModel delegate;
    private final long maxCalls;
    private final long maxTokens;
    private final BigDecimal maxCost;
    private final Price price;
    private long calls;
    private Usage used = Usage.ZERO;

    private Budget(LanguageModel delegate, long maxCalls, long maxTokens, BigDecimal maxCost, Price price) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.maxCalls = maxCalls;
        this.maxTokens = maxTokens;
        this.maxCost = maxCost;
        this.price = price;
    }

    /** A budget without limits yet, over a language model. */
    public static Budget of(LanguageModel delegate) {
        return new Budget(delegate, Long.MAX_VALUE, Long.MAX_VALUE, null, null);
    }

    /** @return a copy that allows at most this many calls */
    public Budget maxCalls(long maxCalls) {
        return new Budget(delegate, positive(maxCalls, "maxCalls"), maxTokens, maxCost, price);
    }

    /** @return a copy that allows at most this many tokens */
    public Budget maxTokens(long maxTokens) {
        return new Budget(delegate, maxCalls, positive(maxTokens, "maxTokens"), maxCost, price);
    }

    /** @return a copy that allows at most this cost, at this price */
    public Budget maxCost(BigDecimal maxCost, Price price) {
        return new Budget(delegate, maxCalls, maxTokens, Objects.requireNonNull(maxCost, "maxCost"),
                Objects.requireNonNull(price, "price"));
    }

    private static long positive(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }

    /** @return the calls made (or in flight) so far */
    public synchronized long calls() {
        return calls;
    }

    /** @return the tokens the answered calls used */
    public synchronized Usage used() {
        return used;
    }

    @Override
    public CompletableFuture<Completion> complete(LmRequest request) {
        try {
            reserve();
        } catch (BudgetExceededException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delegate.complete(request).whenComplete((completion, failure) -> {
            if (completion != null) {
                record(completion.usage());
            }
        });
    }

    @Override
    public Completion completeBlocking(LmRequest request) {
        reserve();
        Completion completion = delegate.completeBlocking(request);
        record(completion.usage());
        return completion;
    }

    private synchronized void reserve() {
        if (calls >= maxCalls) {
            throw new BudgetExceededException("The budget of " + maxCalls + " calls is used up; no call was sent.");
        }
        if (used.totalTokens() >= maxTokens) {
            throw new BudgetExceededException("The budget of " + maxTokens + " tokens is used up (" + used.totalTokens()
                    + " used); no call was sent.");
        }
        if (maxCost != null && price.cost(used).compareTo(maxCost) >= 0) {
            throw new BudgetExceededException("The budget of " + maxCost.toPlainString() + " is used up ("
                    + price.cost(used).stripTrailingZeros().toPlainString() + " spent); no call was sent.");
        }
        calls++;
    }

    private synchronized void record(Usage usage) {
        used = used.plus(usage);
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public void close() throws Exception {
        dev.signet.internal.Resources.closeIfCloseable(delegate);
    }

    @Override
    public String toString() {
        return "Budget[" + delegate + "]";
    }
}
