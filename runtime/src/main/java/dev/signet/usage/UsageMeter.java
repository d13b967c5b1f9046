package dev.signet.usage;

import dev.signet.Attempt;
import dev.signet.PredictorCall;
import dev.signet.PredictorListener;
import dev.signet.lm.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
 *
 * <p>A call is priced by the model it asked for; when the table has no price for that name, by the longest name in
 * the table that the answering model's name starts with (OpenAI answers {@code gpt-4o-mini} with
 * {@code gpt-4o-mini-2024-07-18}). A completion that came through the provider's Batch API is priced at the batch
 * price, half the table's ({@link Price#batch()}).
 */
public final class UsageMeter implements PredictorListener {
    private final Map<String, Price> prices;
    private final Map<String, Usage> byPredictor = new LinkedHashMap<>();
    private final Map<String, Usage> byModel = new LinkedHashMap<>();
    private final Set<String> unpriced = new TreeSet<>();
    private Usage total = Usage.ZERO;
    private BigDecimal cost = BigDecimal.ZERO;
    private long calls;

    public UsageMeter() {
        this(Map.of());
    }

    /** @param prices prices by model name: the name requests use, or a prefix of the name the server answers */
    public UsageMeter(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    @Override
    public synchronized void onCall(PredictorCall call) {
        calls++;
        total = total.plus(call.usage());
        byPredictor.merge(call.predictorName(), call.usage(), Usage::plus);
        for (Attempt attempt : call.attempts()) {
            Usage usage = attempt.completion().usage();
            byModel.merge(attempt.completion().model(), usage, Usage::plus);
            if (usage.totalTokens() == 0) {
                continue;
            }
            Price price = price(call.model(), attempt.completion().model());
            if (price == null) {
                unpriced.add(call.model() != null ? call.model() : attempt.completion().model());
            } else {
                cost = cost.add(attempt.completion().batched() ? price.batch().cost(usage) : price.cost(usage));
            }
        }
    }

    private Price price(String requested, String answered) {
        return Price.find(prices, requested, answered);
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

    /** @return the usage by the model that answered, as the server names it */
    public synchronized Map<String, Usage> byModel() {
        return Map.copyOf(byModel);
    }

    /**
     * @return the cost of the usage so far, per the price table
     * @throws IllegalStateException naming every model used that has no price, and how to add one
     */
    public synchronized BigDecimal cost() {
        if (!unpriced.isEmpty()) {
            throw new IllegalStateException("No price for the model(s) " + unpriced + ": give the UsageMeter one, "
                    + "e.g. new UsageMeter(Map.of(\"" + unpriced.iterator().next() + "\", Price.perMillion(\"0.15\", "
                    + "\"0.60\"))); prices are known for " + new TreeSet<>(prices.keySet()) + ".");
        }
        return cost;
    }

    /**
     * What a model charges, per million tokens, in any currency.
     *
     * @param inputPerMillion the price of a million prompt tokens
     * @param cachedInputPerMillion the price of a million prompt tokens read from the provider's prompt cache
     *     ({@link Usage#cachedPromptTokens()}); the input price when the provider has no such rate
     * @param outputPerMillion the price of a million completion tokens, reasoning tokens included
     */
    public record Price(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion) {
        private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

        public Price {
            Objects.requireNonNull(inputPerMillion, "inputPerMillion");
            Objects.requireNonNull(cachedInputPerMillion, "cachedInputPerMillion");
            Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        }

        /** A price with no cheaper rate for cached input. */
        public Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
            this(inputPerMillion, inputPerMillion, outputPerMillion);
        }

        /** E.g. {@code perMillion("0.15", "0.60")}: input and output, cached input at the input price. */
        public static Price perMillion(String input, String output) {
            return new Price(new BigDecimal(input), new BigDecimal(output));
        }

        /** E.g. {@code perMillion("0.15", "0.075", "0.60")} for gpt-4o-mini: input, cached input, output. */
        public static Price perMillion(String input, String cachedInput, String output) {
            return new Price(new BigDecimal(input), new BigDecimal(cachedInput), new BigDecimal(output));
        }

        /**
         * The price a table gives a call: the requested model's, else that of the longest name in the table that the
         * answering model's name starts with (OpenAI answers {@code gpt-4o-mini} as {@code gpt-4o-mini-2024-07-18}).
         *
         * @param prices prices by model name
         * @param requested the model the call asked for, or null
         * @param answered the model that answered, or null
         * @return the price, or null when the table has none for the call
         */
        public static Price find(Map<String, Price> prices, String requested, String answered) {
            if (requested != null && prices.containsKey(requested)) {
                return prices.get(requested);
            }
            String best = null;
            for (String name : prices.keySet()) {
                if (answered != null && answered.startsWith(name) && (best == null || name.length() > best.length())) {
                    best = name;
                }
            }
            return best == null ? null : prices.get(best);
        }

        /**
         * The price of the same tokens sent through the provider's Batch API: half of every rate, as OpenAI's and
         * Anthropic's batch prices are. The meter prices a batched completion ({@link
         * dev.signet.lm.Completion#batched()}) with it.
         *
         * @return this price halved
         */
        public Price batch() {
            BigDecimal half = new BigDecimal("0.5");
            return new Price(inputPerMillion.multiply(half), cachedInputPerMillion.multiply(half),
                    outputPerMillion.multiply(half));
        }

        /** @return the cost of some usage, to 10 decimal places */
        public BigDecimal cost(Usage usage) {
            long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
            return inputPerMillion.multiply(BigDecimal.valueOf(usage.promptTokens() - cached))
                    .add(cachedInputPerMillion.multiply(BigDecimal.valueOf(cached)))
                    .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.completionTokens())))
                    .divide(MILLION, 10, RoundingMode.HALF_UP);
        }
    }
}
