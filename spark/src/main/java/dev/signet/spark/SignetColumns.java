package dev.signet.spark;

import dev.signet.Prediction;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.Usage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns Signet adds after a row's outputs: its usage, latency, whether the cache answered, and its error.
 *
 * <ul>
 *   <li>{@code signet_usage}: {@code struct<prompt_tokens: bigint, completion_tokens: bigint, total_tokens:
 *       bigint>}, null on an error;</li>
 *   <li>{@code signet_latency_ms}: {@code bigint}, the call's wall time;</li>
 *   <li>{@code signet_cache_hit}: {@code boolean};</li>
 *   <li>{@code signet_model}: {@code string}, the model that answered, null on an error;</li>
 *   <li>{@code signet_error}: {@code string}, the failure's message, null on success;</li>
 *   <li>{@code signet_error_kind}: {@code string}: a {@code LanguageModelException}'s kind ({@code RATE_LIMIT},
 *       {@code BAD_REQUEST}, …), {@code PARSE} for a reply that did not parse, else the exception's simple name.</li>
 * </ul>
 */
final class SignetColumns {
    static final String USAGE = "signet_usage";
    static final String LATENCY = "signet_latency_ms";
    static final String CACHE_HIT = "signet_cache_hit";
    static final String MODEL = "signet_model";
    static final String ERROR = "signet_error";
    static final String ERROR_KIND = "signet_error_kind";

    static final StructType USAGE_TYPE = new StructType()
            .add("prompt_tokens", DataTypes.LongType, false)
            .add("completion_tokens", DataTypes.LongType, false)
            .add("total_tokens", DataTypes.LongType, false);

    static final StructType SCHEMA = new StructType()
            .add(USAGE, USAGE_TYPE, true)
            .add(LATENCY, DataTypes.LongType, false)
            .add(CACHE_HIT, DataTypes.BooleanType, false)
            .add(MODEL, DataTypes.StringType, true)
            .add(ERROR, DataTypes.StringType, true)
            .add(ERROR_KIND, DataTypes.StringType, true);

    private SignetColumns() {}

    /** The values of Signet's columns for a prediction, or for a failure. */
    static Object[] values(Prediction<?> prediction, Throwable failure, long latencyMillis) {
        if (failure != null) {
            return new Object[] {null, latencyMillis, false, null, String.valueOf(failure.getMessage()),
                kind(failure)};
        }
        Usage usage = prediction.usage();
        Row row = RowFactory.create(usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
        return new Object[] {row, latencyMillis, prediction.cacheHit(), prediction.model(), null, null};
    }

    static String kind(Throwable failure) {
        if (failure instanceof LanguageModelException lm) {
            return lm.kind().name();
        }
        if (failure instanceof dev.signet.adapter.OutputParseException) {
            return "PARSE";
        }
        return failure.getClass().getSimpleName();
    }
}
