import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
def name = 'com.example.lookup.Lookup.json'

// GEPA: the evolved instruction states rules that only the metric's feedback gave; readable in artifact and report
def gepa = new JsonSlurper().parse(new File(basedir, "src/main/signet/${name}"))
assert gepa.provenance.optimizer == 'GEPA'
assert gepa.provenance.metricCalls <= 300
assert gepa.instructions.startsWith('Give the code of the item.')
assert gepa.instructions.contains('Items in section ') : gepa.instructions
assert gepa.provenance.scoreAfter > gepa.provenance.scoreBefore
def gepaReport = new File(basedir, 'target/signet/optimize-report.html').text
assert gepaReport.contains("The Pareto frontier's growth over metric calls") && gepaReport.contains("lineage")
assert new File(basedir, 'target/signet/gepa-candidate.json').text.contains('Items in section ')

// MIPROv2: every trial and the chosen combination
def mipro = new JsonSlurper().parse(new File(basedir, "target/mipro-prompts/${name}"))
assert mipro.provenance.optimizer == 'MIPROv2'
assert mipro.provenance.auto == 'light'
assert mipro.provenance.scoreAfter > mipro.provenance.scoreBefore
assert new File(basedir, 'target/signet-mipro/optimize-report.html').text.contains('The chosen combination')

// both baked like any other artifact; the jar holds the last one, MIPROv2's
assert (log =~ /Baked 1 prompt artifact\(s\): \[com\.example\.lookup\.Lookup\.json\]/).count == 2
def jar = new ZipFile(new File(basedir, 'target/instruction-optimizers-1.0.jar'))
def entry = jar.getEntry("META-INF/signet/prompts/${name}")
assert jar.getInputStream(entry).bytes == new File(basedir, "target/mipro-prompts/${name}").bytes
jar.close()
