// Checks the quickstart flow run by src/it/invoker.properties: optimize -> bake -> jar -> a program answering with
// the optimized prompt, as the simulator on the loopback server saw it.
import groovy.json.JsonSlurper
import java.util.zip.ZipFile

// The invoker runs this script with basedir set to its own folder (src/it/ of the sample's copy).
def project = new File(basedir, 'pom.xml').isFile() ? basedir : basedir.parentFile.parentFile
def log = new File(project, 'build.log').text
def artifactFile = new File(project, 'src/main/signet/dev.signet.samples.quickstart.ItemCode.json')
assert log.contains('Wrote 1 prompt artifact(s) to') : 'signet:optimize wrote no artifact'
def artifact = new JsonSlurper().parse(artifactFile)
assert artifact.provenance.seed == 3 : "the artifact is not the one this run optimized: ${artifact.provenance}"
assert new File(project, 'target/signet/optimize-report.html').text.contains('<svg')

// The jar ships the artifact, byte for byte.
def jar = new ZipFile(new File(project, 'target/signet-sample-quickstart-0.1.0-SNAPSHOT.jar'))
def entry = jar.getEntry('META-INF/signet/prompts/dev.signet.samples.quickstart.ItemCode.json')
assert entry != null : 'the jar does not hold the baked artifact'
assert jar.getInputStream(entry).bytes == artifactFile.bytes
jar.close()

// The answering run's request, at the loopback server, carried the optimized demos.
def demos = artifact.demos
assert !demos.isEmpty()
assert log.contains("The simulator saw ${demos.size()} demos in that request; the first asked: ${demos[0].question}") :
        'the answering run did not send the optimized demos'

// A second build with no change baked nothing; signet.skip skipped the goal.
assert log.contains('Prompt artifacts are up to date (1)')
assert log.contains('Skipping signet:bake (signet.skip)')
