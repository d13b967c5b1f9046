// A stale artifact is a BUILD FAILURE naming the file and the exact difference, and nothing is baked.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('src/main/signet/com.example.stale.Baked.json for com.example.stale.Baked was made for a different signature: the output `answer` changed type from int to str.')
assert log.contains('To ship it anyway, set signet.allowStale=true.')
assert !new File(basedir, 'target/classes/META-INF/signet/prompts').exists()
