def log = new File(basedir, 'build.log').text
def summary = ~/\[INFO\] Signet evaluation: mean score (\d\.\d{4}) over 30 examples, 0 errors \(minimum (\d\.\d{4})\)/
def runs = (log =~ summary).collect { [score: it[1] as double, minimum: it[2] as double] }
assert runs.size() == 2 : "expected two evaluations, got ${runs}"
assert runs[0].minimum == 0.5 && runs[0].score < 0.5
assert log.contains("${String.format(Locale.ROOT, 'Signet evaluation: mean score %.4f', runs[0].score)} over 30 examples, 0 errors (minimum 0.5000): below signet.minScore")
assert runs[1].minimum == 0.1 && runs[1].score >= 0.1 && runs[1].score == runs[0].score
assert new File(basedir, 'target/signet/evaluate-report.html').isFile()
// by the Batch API: one batch of 30 requests, the live score, and both the summary and the report say so
def batched = ~/\[INFO\] Signet evaluation by the Batch API: mean score (\d\.\d{4}) over 30 examples, 0 errors/
def byBatch = (log =~ batched).collect { it[1] as double }
assert byBatch == [runs[0].score] : "expected one evaluation by batch scoring ${runs[0].score}, got ${byBatch}"
assert log =~ /\[INFO\] Batch batch_\w+: completed, 30 of 30 requests done, 0 failed/
assert new File(basedir, 'target/signet/evaluate-report.html').text.contains('Batch API')
assert !new File(basedir, 'target/signet/evaluate.batch.json').exists()
// the bad line: line 3, field answer, in the named file
assert log =~ /\[ERROR\] .*signet:evaluate stopped: .*src\/test\/signet\/bad\.jsonl:3: .*answer/
