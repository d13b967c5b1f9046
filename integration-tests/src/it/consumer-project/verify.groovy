// The processor ran (through annotationProcessorPaths, also on JDK 23+) and the tests called every predictor.
def generated = new File(basedir, 'target/generated-sources/annotations/com/example/app')
['CapitalPredictor.java', 'SentimentPredictor.java', 'TriagePredictor.java', 'PlannerPredictor.java', 'Tools_LookupArgsType.java'].each {
    assert new File(generated, it).isFile() : "missing generated ${it}"
}
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 8, Failures: 0, Errors: 0, Skipped: 0') : 'the predictor tests did not all run'
assert !log.contains('[WARNING] COMPILATION WARNING') : 'compilation produced warnings'
def expectedJdk = basedir.path.contains('it-jdk25') ? '25' : System.getProperty('java.specification.version')
assert log.contains("signet-it java.specification.version=${expectedJdk}") : "expected the build to run on JDK ${expectedJdk}"
assert new File(basedir, 'target/classes/META-INF/signet/prompts/com.example.app.Baked.json').isFile() : 'not baked'
assert log.contains('Baked 1 new prompt artifact(s): [com.example.app.Baked.json]')
def export = new File(basedir, 'target/signet/export')
['com.example.app.Baked.messages.json', 'com.example.app.Baked.md', 'com.example.app.Baked.dspy.json'].each {
    assert new File(export, it).isFile() : "missing export ${it}"
}
assert new File(export, 'com.example.app.Baked.messages.json').text.contains('{{question}}')
assert log.contains('Signet evaluation: mean score 1.0000 over 10 examples, 0 errors (minimum 0.9000)')
assert new File(basedir, 'target/signet/evaluate-report.json').text.contains('"meanScore" : 1.0')
assert new File(basedir, 'target/signet/evaluate-report.html').text.contains('Mean score <b>1.0000</b>')

// The exported messages template, rendered with the input a test sent, is exactly what the runtime sent.
def template = new groovy.json.JsonSlurper().parse(new File(export, 'com.example.app.Baked.messages.json'))
def sent = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/baked-request.json'))
def rendered = template.collect { [role: it.role, content: it.content.replace('{{question}}', 'Who wrote Dune?')] }
assert rendered == sent.collect { [role: it.role, content: it.content] } : "export renders\n${rendered}\nthe runtime sent\n${sent}"
