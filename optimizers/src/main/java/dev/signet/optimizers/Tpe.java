package dev.signet.optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A Tree-structured Parzen Estimator over categorical parameters: the sequential model-based search MIPROv2 runs
 * (through Optuna's TPESampler), reduced to what a prompt search needs.
 *
 * <p>Why TPE. The space is a handful of unordered choices (which instruction candidate, which demo set, for each
 * predictor); trials are expensive (each costs a minibatch of LM calls) and few (tens); their scores are noisy.
 * A Gaussian process would need a kernel over unordered categories and a matrix solve per step, for no gain at this
 * size; random search ignores what earlier trials showed. TPE needs only counts: it splits the trials seen so far
 * into the best {@code gamma} and the rest, estimates for every parameter how often each value appears among the
 * good ({@code l}) and the bad ({@code g}) trials (with one pseudo-count per value, so that unseen values keep a
 * chance), draws candidates from {@code l}, and proposes the one with the highest {@code l/g}, the expected
 * improvement criterion of Bergstra et al. (2011). Parameters are modelled independently, as Optuna does by
 * default. The first {@code startupTrials} suggestions are uniform.
 *
 * <p>Deterministic: the same observations and the same {@link Random} give the same suggestion.
 */
final class Tpe {
    private final int[] cardinalities;
    private final int startupTrials;
    private final double gamma;
    private final int candidates;
    private final List<int[]> params = new ArrayList<>();
    private final List<Double> scores = new ArrayList<>();

    Tpe(int[] cardinalities, int startupTrials, double gamma, int candidates) {
        this.cardinalities = cardinalities.clone();
        this.startupTrials = startupTrials;
        this.gamma = gamma;
        this.candidates = candidates;
    }

    void observe(int[] values, double score) {
        params.add(values.clone());
        scores.add(score);
    }

    int[] suggest(Random random) {
        int dims = cardinalities.length;
        int[] uniform = new int[dims];
        for (int d = 0; d < dims; d++) {
            uniform[d] = random.nextInt(cardinalities[d]);
        }
        if (params.size() < startupTrials) {
            return uniform;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores.get(i)).thenComparingInt(i -> i));
        int good = Math.max(1, (int) Math.ceil(gamma * order.size()));
        double[][] l = new double[dims][];
        double[][] g = new double[dims][];
        for (int d = 0; d < dims; d++) {
            l[d] = density(order.subList(0, good), d);
            g[d] = density(order.subList(good, order.size()), d);
        }
        int[] best = null;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            int[] candidate = new int[dims];
            double ratio = 0;
            for (int d = 0; d < dims; d++) {
                candidate[d] = draw(l[d], random);
                ratio += Math.log(l[d][candidate[d]]) - Math.log(g[d][candidate[d]]);
            }
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = candidate;
            }
        }
        return best;
    }

    /** The smoothed frequency of each value of parameter {@code d} among these trials. */
    private double[] density(List<Integer> trials, int d) {
        double[] weights = new double[cardinalities[d]];
        Arrays.fill(weights, 1.0);
        for (int trial : trials) {
            weights[params.get(trial)[d]] += 1.0;
        }
        double total = cardinalities[d] + trials.size();
        for (int v = 0; v < weights.length; v++) {
            weights[v] /= total;
        }
        return weights;
    }

    private static int draw(double[] weights, Random random) {
        double x = random.nextDouble();
        for (int v = 0; v < weights.length; v++) {
            x -= weights[v];
            if (x < 0) {
                return v;
            }
        }
        return weights.length - 1;
    }
}
