package dev.signet.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * A side-by-side line diff: the longest common subsequence of two texts' lines, and between its lines the removed and
 * added ones paired up, row by row. Quadratic in the lines, which for prompts (hundreds of lines) is instant.
 */
final class LineDiff {
    /** What a row shows. */
    enum Kind {
        SAME, CHANGED, REMOVED, ADDED;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One row: the left line or {@code null}, the right line or {@code null}. */
    record Row(Kind kind, String left, String right) {}

    private LineDiff() {}

    static List<Row> rows(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        int[][] common = new int[n + 1][m + 1]; // common[i][j]: the LCS length of before[i..] and after[j..]
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                flush(rows, removed, added);
                rows.add(new Row(Kind.SAME, before.get(i++), after.get(j++)));
            } else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
                added.add(after.get(j++));
            } else {
                removed.add(before.get(i++));
            }
        }
        flush(rows, removed, added);
        return rows;
    }

    private static void flush(List<Row> rows, List<String> removed, List<String> added) {
        for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
            String left = k < removed.size() ? removed.get(k) : null;
            String right = k < added.size() ? added.get(k) : null;
            rows.add(new Row(left == null ? Kind.ADDED : right == null ? Kind.REMOVED : Kind.CHANGED, left, right));
        }
        removed.clear();
        added.clear();
    }
}
