package dev.signet.usage;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.lm.Completion;
import dev.signet.lm.Usage;
import dev.signet.usage.UsageMeter.Price;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A link of the chain that refuses model calls past a budget: at most so many calls, tokens, or so much cost.
 * Optimizers run under one. The check is made before each call (calls in flight count), so work stops with a
 * {@link BudgetExceededException} before the limit is passed; tokens and cost are counted as replies arrive, so a
 * call is refused once the budget is used up. Cache hits cost nothing when the cache comes first.
 *
 * <pre>{@code
 * Budget budget = Budget.unlimited().maxCalls(500).maxTokens(200_000);
 * Signet limited = signet.withInterceptor(budget);
 * ...
 * budget.calls();  budget.used();
 * }</pre>
 *
 * <p>A budget counts for every handle it is added to; {@code maxCalls(...)} and the others return a new budget
 * with nothing spent.
 */
public final class Budget implements Interceptor {
    private final long maxCalls;
    private final long maxTokens;
    private final BigDecimal maxCost;
    private final Price price;
    private long calls;
    private Usage used = Usage.ZERO;
    private BigDecimal spent = BigDecimal.ZERO;

    private Budget(long maxCalls, long maxTokens, BigDecimal maxCost, Price price) {
        this.maxCalls = maxCalls;
        this.maxTokens = maxTokens;
        this.maxCost = maxCost;
        this.price = price;
    }

    /** A budget without limits yet: it counts. */
    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, Long.MAX_VALUE, null, null);
    }

    /** @return a budget that allows at most this many calls */
    public Budget maxCalls(long maxCalls) {
        return new Budget(positive(maxCalls, "maxCalls"), maxTokens, maxCost, price);
    }

    /** @return a budget that allows at most this many tokens */
    public Budget maxTokens(long maxTokens) {
        return new Budget(maxCalls, positive(maxTokens, "maxTokens"), maxCost, price);
    }

    /** @return a budget that allows at most this cost, at this price */
    public Budget maxCost(BigDecimal maxCost, Price price) {
        return new Budget(maxCalls, maxTokens, Objects.requireNonNull(maxCost, "maxCost"),
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

    /**
     * @return what the answered calls cost at the budget's price ({@link #maxCost}), a batched one at the batch
     *     price; zero without a price
     */
    public synchronized BigDecimal spent() {
        return spent;
    }

    /** @return the tokens the answered calls used */
    public synchronized Usage used() {
        return used;
    }

    @Override
    public CompletableFuture<Exchange> intercept(Chain chain) {
        try {
            reserve();
        } catch (BudgetExceededException e) {
            return CompletableFuture.failedFuture(e);
        }
        return chain.proceed(chain.call()).whenComplete((exchange, failure) -> {
            if (exchange != null) {
                record(exchange.completion());
            }
        });
    }

    private synchronized void reserve() {
        if (calls >= maxCalls) {
            throw new BudgetExceededException("The budget of " + maxCalls + " calls is used up; no call was sent.");
        }
        if (used.totalTokens() >= maxTokens) {
            throw new BudgetExceededException("The budget of " + maxTokens + " tokens is used up (" + used.totalTokens()
                    + " used); no call was sent.");
        }
        if (maxCost != null && spent.compareTo(maxCost) >= 0) {
            throw new BudgetExceededException("The budget of " + maxCost.toPlainString() + " is used up ("
                    + spent.stripTrailingZeros().toPlainString() + " spent); no call was sent.");
        }
        calls++;
    }

    private synchronized void record(Completion completion) {
        used = used.plus(completion.usage());
        if (price != null) { // a batched reply costs the batch price, as UsageMeter counts it
            spent = spent.add((completion.batched() ? price.batch() : price).cost(completion.usage()));
        }
    }

    @Override
    public synchronized String toString() {
        return "Budget[calls=" + calls + (maxCalls == Long.MAX_VALUE ? "" : "/" + maxCalls) + ", tokens="
                + used.totalTokens() + (maxTokens == Long.MAX_VALUE ? "" : "/" + maxTokens) + "]";
    }
}
