package dev.signet.usage;

import dev.signet.PredictorCall;
import dev.signet.PredictorListener;
import dev.signet.lm.Usage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adds up the tokens of every predictor call made through a handle that carries it, in total, per predictor
 * name and per model; with a price table, their cost.
 *
 * <pre>{@code
 * UsageMeter meter = new UsageMeter(Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60")));
 * Signet metered = signet.withListener(meter);
 * ...
 * meter.total();  meter.byPredictor();  meter.cost();
 * }</pre>
 */
public final class UsageMeter implements PredictorListener {
    private final Map<String, Price> prices;
    private final Map<String, Usage> byPredictor = new LinkedHashMap<>();
    private final Map<String, Usage> byModel = new LinkedHashMap<>();
    private Usage total = Usage.ZERO;
    private long calls;

    public UsageMeter() {
        this(Map.of());
    }

    /** @param prices prices by model name, as the server names the model */
    public UsageMeter(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    @Override
    public synchronized void onCall(PredictorCall call) {
        calls++;
        total = total.plus(call.usage());
        byPredictor.merge(call.predictorName(), call.usage(), Usage::plus);
        byModel.merge(Objects.toString(call.model(), "unknown"), call.usage(), Usage::plus);
    }

    public synchronized Usage total() {
        return total;
    }

    /** @return how many predictor calls were counted */
    public synchronized long calls() {
        return calls;
    }

    public synchronized Map<String, Usage> byPredictor() {
        return Map.copyOf(byPredictor);
    }

    public synchronized Map<String, Usage> byModel() {
        return Map.copyOf(byModel);
    }

    /**
     * @return the cost of the usage so far, per the price table
     * @throws IllegalStateException if a model that was used has no price
     */
    public synchronized BigDecimal cost() {
        BigDecimal cost = BigDecimal.ZERO;
        for (Map.Entry<String, Usage> entry : byModel.entrySet()) {
            Price price = prices.get(entry.getKey());
            if (price == null) {
                if (entry.getValue().totalTokens() == 0) {
                    continue;
                }
                throw new IllegalStateException("no price for the model '" + entry.getKey() + "'; prices are known "
                        + "for " + prices.keySet());
            }
            cost = cost.add(price.cost(entry.getValue()));
        }
        return cost;
    }
}
