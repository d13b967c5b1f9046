package dev.signet.usage;

import dev.signet.lm.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a model charges, per million tokens, in any currency.
 *
 * @param inputPerMillion the price of a million prompt tokens
 * @param outputPerMillion the price of a million completion tokens
 */
public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Price {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    }

    public static Price perMillion(String input, String output) {
        return new Price(new BigDecimal(input), new BigDecimal(output));
    }

    /** @return the cost of some usage, to 10 decimal places */
    public BigDecimal cost(Usage usage) {
        return inputPerMillion.multiply(BigDecimal.valueOf(usage.promptTokens()))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.completionTokens())))
                .divide(MILLION, 10, RoundingMode.HALF_UP);
    }
}
