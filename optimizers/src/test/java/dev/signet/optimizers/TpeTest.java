package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TpeTest {
    /** Scores 1 only for value 2 of the first parameter; the second does not matter. */
    private static double score(int[] params) {
        return params[0] == 2 ? 1 : 0;
    }

    @Test
    void afterItsStartupTrialsItProposesWhatScoredWellFarMoreOftenThanChance() {
        Tpe tpe = new Tpe(new int[] {5, 4}, 5, 0.25, 24);
        Random random = new Random(1);
        int hits = 0;
        for (int trial = 0; trial < 40; trial++) {
            int[] params = tpe.suggest(random);
            assertThat(params[0]).isBetween(0, 4);
            assertThat(params[1]).isBetween(0, 3);
            tpe.observe(params, score(params));
            if (trial >= 10 && params[0] == 2) {
                hits++;
            }
        }
        assertThat(hits).as("of 30 guided trials, chance would give 6").isGreaterThan(18);
    }

    @Test
    void theSameHistoryAndRandomGiveTheSameSuggestion() {
        Tpe a = new Tpe(new int[] {3, 3}, 2, 0.25, 24);
        Tpe b = new Tpe(new int[] {3, 3}, 2, 0.25, 24);
        for (int[] params : new int[][] {{0, 1}, {2, 2}, {1, 0}}) {
            a.observe(params, params[0]);
            b.observe(params, params[0]);
        }
        assertThat(a.suggest(new Random(9))).containsExactly(b.suggest(new Random(9)));
    }
}
