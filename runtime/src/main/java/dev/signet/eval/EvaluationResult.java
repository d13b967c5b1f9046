package dev.signet.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.lm.Usage;
import dev.signet.rules.AtomicFiles;
import dev.signet.usage.UsageMeter.Price;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The summary and per-example results of an evaluation.
 *
 * @param results every example's result, in index order
 * @param meanScore the mean score over all examples (errors count as 0)
 * @param errors how many examples failed
 * @param usage the tokens of every prediction
 * @param wallTime how long the run took
 */
public record EvaluationResult(List<ExampleResult> results, double meanScore, int errors, Usage usage,
        Duration wallTime) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public EvaluationResult {
        results = List.copyOf(results);
    }

    /**
     * @param prices prices by model name, as the server names the model
     * @return what the run's predictions cost
     * @throws IllegalStateException if a model that was used has no price
     */
    public BigDecimal cost(Map<String, Price> prices) {
        java.math.BigDecimal cost = java.math.BigDecimal.ZERO;
        for (ExampleResult result : results) {
            if (result.prediction() == null || result.prediction().usage().totalTokens() == 0) {
                continue;
            }
            Price price = prices.get(result.prediction().model());
            if (price == null) {
                throw new IllegalStateException("no price for the model '" + result.prediction().model()
                        + "'; prices are known for " + prices.keySet());
            }
            cost = cost.add(price.cost(result.prediction().usage()));
        }
        return cost;
    }

    /** @return how many examples were evaluated */
    public int total() {
        return results.size();
    }

    /** The results as a plain-text table, one row per example, then the summary. */
    public String toTable() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%5s  %6s  %s%n", "#", "score", "detail"));
        for (ExampleResult result : results) {
            String detail = result.error() != null
                    ? "error: " + result.error().getMessage()
                    : result.score().feedbackIfAny().orElse("");
            out.append(String.format(Locale.ROOT, "%5d  %6.3f  %s%n", result.index(), result.score().value(),
                    detail.replace('\n', ' ')));
        }
        out.append(String.format(Locale.ROOT, "mean %.4f over %d examples, %d errors, %d tokens, %d ms%n",
                meanScore, total(), errors, usage.totalTokens(), wallTime.toMillis()));
        return out.toString();
    }

    /** Writes the results as JSON, atomically. */
    public void saveJson(Path file) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("meanScore", meanScore);
        summary.put("total", total());
        summary.put("errors", errors);
        summary.put("promptTokens", usage.promptTokens());
        summary.put("completionTokens", usage.completionTokens());
        summary.put("totalTokens", usage.totalTokens());
        summary.put("wallTimeMillis", wallTime.toMillis());
        ArrayNode rows = root.putArray("results");
        for (ExampleResult result : results) {
            ObjectNode row = rows.addObject();
            row.put("index", result.index());
            row.set("inputs", MAPPER.valueToTree(plain(result.example().inputs())));
            row.set("expected", MAPPER.valueToTree(plain(result.example().outputs())));
            row.set("outputs", result.prediction() == null ? MAPPER.nullNode()
                    : MAPPER.valueToTree(plain(result.prediction().outputs().asMap())));
            row.put("score", result.score().value());
            row.put("feedback", result.score().feedback());
            row.put("error", result.error() == null ? null : result.error().getMessage());
        }
        try {
            AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Field values as JSON-friendly values: dates and records as their text, enums by name. */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(EvaluationResult::plain).orElse(null);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(EvaluationResult::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        return value.toString();
    }
}
