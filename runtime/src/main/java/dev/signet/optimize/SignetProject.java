package dev.signet.optimize;

import dev.signet.Signet;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import java.util.List;

/**
 * What a project tells Signet's Maven goals about its program: how to build it, how to score it, and on which
 * data. Implement it in the project's test sources (it runs with the test class path) and name it in the plugin
 * configuration ({@code <projectClass>} or {@code -Dsignet.projectClass}). The goals create it with its public
 * constructor taking the project's base directory ({@link java.nio.file.Path}), if it has one: resolve dataset
 * files against it, since Maven may have been started in another directory. Otherwise they use its public
 * no-argument constructor.
 *
 * <pre>{@code
 * public final class QaProject implements SignetProject {
 *     private final Path base;
 *     public QaProject(Path baseDirectory) { this.base = baseDirectory; }
 *     public ProgramFactory program() {
 *         return signet -> { QAPredictor qa = QAPredictor.create(signet);
 *                            return example -> qa.predictAsync(example.input("question")); };
 *     }
 *     public Metric metric() { return Metrics.exactMatch("answer"); }
 *     public List<Example> devset() { return Dataset.loadJsonl(base.resolve("src/test/signet/dev.jsonl"), QAPredictor.SIGNATURE); }
 * }
 * }</pre>
 */
public interface SignetProject {
    /** @return the handle the program runs on; by default {@link Signet#fromEnv()} */
    default Signet signet() {
        return Signet.fromEnv();
    }

    /** @return builds the program on a handle */
    ProgramFactory program();

    /** @return scores a prediction against an example */
    Metric metric();

    /** @return the development set the quality gate evaluates on */
    List<Example> devset();

    /**
     * The handle the instruction optimizers' own programs run on: MIPROv2's proposer and GEPA's reflection. By
     * default the program's; return {@code signet.withModel(stronger)} to propose with a stronger model (its calls
     * then fall outside {@code signet.maxCalls}, which counts the program's model).
     *
     * @param signet the program's handle
     */
    default Signet proposer(Signet signet) {
        return signet;
    }

    /** @return the training set optimizers learn from; none by default */
    default List<Example> trainset() {
        return List.of();
    }
}
