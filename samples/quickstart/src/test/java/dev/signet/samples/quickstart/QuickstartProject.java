package dev.signet.samples.quickstart;

import dev.signet.Signet;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Metrics;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.SignetProject;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code signet:optimize} and {@code signet:evaluate} run for this sample: the {@link ItemCode} predictor,
 * scored by exact match on the JSONL datasets under {@code src/test/signet/}, against the sample's model (the
 * configured endpoint, or the bundled simulator).
 */
public final class QuickstartProject implements SignetProject {
    private final Path base;

    public QuickstartProject(Path baseDirectory) {
        this.base = baseDirectory;
    }

    @Override
    public Signet signet() {
        return Signet.builder().languageModel(SampleModel.open()).build();
    }

    @Override
    public ProgramFactory program() {
        return signet -> {
            ItemCodePredictor itemCode = ItemCodePredictor.create(signet);
            return example -> itemCode.predictAsync(example.input("question"));
        };
    }

    @Override
    public Metric metric() {
        return Metrics.exactMatch("answer");
    }

    @Override
    public List<Example> trainset() {
        return Dataset.loadJsonl(base.resolve("src/test/signet/train.jsonl"), ItemCodePredictor.SIGNATURE);
    }

    @Override
    public List<Example> devset() {
        return Dataset.loadJsonl(base.resolve("src/test/signet/dev.jsonl"), ItemCodePredictor.SIGNATURE);
    }
}
