package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.maven.LineDiff.Kind;
import dev.signet.maven.LineDiff.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void commonLinesAlignAndTheChangesBetweenThemArePairedUp() {
        List<Row> rows = LineDiff.rows(List.of("a", "b", "c", "d"), List.of("a", "B", "c", "d", "e", "f"));
        assertThat(rows).containsExactly(new Row(Kind.SAME, "a", "a"), new Row(Kind.CHANGED, "b", "B"),
                new Row(Kind.SAME, "c", "c"), new Row(Kind.SAME, "d", "d"), new Row(Kind.ADDED, null, "e"),
                new Row(Kind.ADDED, null, "f"));
    }

    @Test
    void removedLinesStayOnTheLeftAndEmptySidesWork() {
        assertThat(LineDiff.rows(List.of("x", "y", "z"), List.of("z"))).containsExactly(
                new Row(Kind.REMOVED, "x", null), new Row(Kind.REMOVED, "y", null), new Row(Kind.SAME, "z", "z"));
        assertThat(LineDiff.rows(List.of(), List.of("n"))).containsExactly(new Row(Kind.ADDED, null, "n"));
        assertThat(LineDiff.rows(List.of("o"), List.of())).containsExactly(new Row(Kind.REMOVED, "o", null));
        assertThat(LineDiff.rows(List.of(), List.of())).isEmpty();
    }

    @Test
    void insertedDemoMessagesShowAsAddedBlocksBetweenUnchangedOnes() {
        List<String> before = List.of("── system ──", "rules", "── user ──", "q");
        List<String> after = List.of("── system ──", "rules", "── user ──", "demo q", "── assistant ──", "demo a",
                "── user ──", "q");
        List<Row> rows = LineDiff.rows(before, after);
        assertThat(rows).filteredOn(r -> r.kind() == Kind.SAME).extracting(Row::left)
                .containsExactly("── system ──", "rules", "── user ──", "q");
        assertThat(rows).filteredOn(r -> r.kind() == Kind.ADDED).hasSize(4);
        assertThat(rows).noneMatch(r -> r.kind() == Kind.REMOVED || r.kind() == Kind.CHANGED);
    }
}
