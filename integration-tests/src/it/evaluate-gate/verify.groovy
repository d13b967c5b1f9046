def log = new File(basedir, 'build.log').text
def summary = ~/\[INFO\] Signet evaluation: mean score (\d\.\d{4}) over 30 examples, 0 errors \(minimum (\d\.\d{4})\)/
def runs = (log =~ summary).collect { [score: it[1] as double, minimum: it[2] as double] }
assert runs.size() == 2 : "expected two evaluations, got ${runs}"
assert runs[0].minimum == 0.5 && runs[0].score < 0.5
assert log.contains("${String.format(Locale.ROOT, 'Signet evaluation: mean score %.4f', runs[0].score)} over 30 examples, 0 errors (minimum 0.5000): below signet.minScore")
assert runs[1].minimum == 0.1 && runs[1].score >= 0.1 && runs[1].score == runs[0].score
assert new File(basedir, 'target/signet/evaluate-report.html').isFile()
// the bad line: line 3, field answer, in the named file
assert log =~ /\[ERROR\] .*signet:evaluate stopped: .*src\/test\/signet\/bad\.jsonl:3: .*answer/
