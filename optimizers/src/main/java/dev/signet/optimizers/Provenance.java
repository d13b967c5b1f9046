package dev.signet.optimize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.eval.Example;
import dev.signet.lm.Usage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance a prompt artifact records: which optimizer with which settings and seed, on which data
 * (sizes and content hashes), the scores before and after, the model, the budget used and the time.
 *
 * <pre>{@code
 * Map<String, JsonNode> provenance = Provenance.of(result.report()).data(train, dev).scores(0.41, 0.78)
 *         .model("gpt-4o-mini").usage(meter.total()).build();
 * predictor.toArtifact(provenance).write(file);
 * }</pre>
 */
public final class Provenance {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, JsonNode> values = new LinkedHashMap<>();

    private Provenance(OptimizationResult.Report report) {
        values.put("optimizer", NODES.textNode(report.optimizer()));
        values.put("seed", NODES.numberNode(report.seed()));
        ObjectNode settings = NODES.objectNode();
        settings.put("tried", report.tried());
        settings.put("passed", report.passed());
        settings.put("rounds", report.rounds());
        ObjectNode bootstrapped = settings.putObject("bootstrapped");
        report.bootstrapped().forEach(bootstrapped::put);
        values.put("report", settings);
    }

    public static Provenance of(OptimizationResult.Report report) {
        return new Provenance(report);
    }

    /** Records the sizes and content hashes of the training and development sets. */
    public Provenance data(List<Example> train, List<Example> dev) {
        values.put("train", NODES.objectNode().put("size", train.size()).put("sha256", hash(train)));
        values.put("dev", NODES.objectNode().put("size", dev.size()).put("sha256", hash(dev)));
        return this;
    }

    public Provenance scores(double before, double after) {
        values.put("scoreBefore", NODES.numberNode(before));
        values.put("scoreAfter", NODES.numberNode(after));
        return this;
    }

    public Provenance model(String model) {
        values.put("model", NODES.textNode(model));
        return this;
    }

    public Provenance usage(Usage usage) {
        values.put("usage", NODES.objectNode().put("promptTokens", usage.promptTokens())
                .put("completionTokens", usage.completionTokens()).put("totalTokens", usage.totalTokens()));
        return this;
    }

    /** @return the provenance, stamped with the current time */
    public Map<String, JsonNode> build() {
        Map<String, JsonNode> result = new LinkedHashMap<>(values);
        result.put("createdAt", NODES.textNode(Instant.now().toString()));
        return result;
    }

    private static String hash(List<Example> examples) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Example example : examples) {
                digest.update((example.inputs() + "->" + example.outputs() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
