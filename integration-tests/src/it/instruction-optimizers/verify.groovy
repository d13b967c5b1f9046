import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
def name = 'com.example.lookup.Lookup.json'

// Each run's scores, as signet:optimize logs them.
def runs = (log =~ /\[INFO\] (\S+): baseline ([0-9.]+), best ([0-9.]+) on the development set/).collect {
    [optimizer: it[1], baseline: it[2] as BigDecimal, best: it[3] as BigDecimal]
}
assert runs*.optimizer == ['GEPA', 'BootstrapFewShotWithRandomSearch', 'MIPROv2'] : runs
// GEPA learned the rules that only the metric's feedback states.
assert runs[0].best > runs[0].baseline + 0.3 : runs[0]
assert new File(basedir, 'target/signet-gepa/gepa-candidate.json').text.contains('Items in section ')
assert new File(basedir, 'target/signet-gepa/optimize-report.html').text.contains("The Pareto frontier's growth over metric calls")
// Each optimizer started from the prompt the previous one shipped, scored the same, and shipped nothing worse.
assert runs[1].baseline == runs[0].best : runs
assert runs[2].baseline == runs[1].best : runs
runs.each { assert it.best >= it.baseline : it }

// The last artifact is MIPROv2's, with its winner's score; the jar holds it byte for byte.
def artifactFile = new File(basedir, "src/main/signet/${name}")
def artifact = new JsonSlurper().parse(artifactFile)
assert artifact.provenance.optimizer == 'MIPROv2'
assert artifact.provenance.auto == 'light'
assert (artifact.provenance.scoreAfter as BigDecimal).setScale(4, java.math.RoundingMode.HALF_EVEN) == runs[2].best
assert artifact.provenance.callsUsed > 0
assert new File(basedir, 'target/signet-mipro/optimize-report.html').text.contains('The chosen combination')
def jar = new ZipFile(new File(basedir, 'target/instruction-optimizers-1.0.jar'))
def entry = jar.getEntry("META-INF/signet/prompts/${name}")
assert jar.getInputStream(entry).bytes == artifactFile.bytes
jar.close()

// The shipped program's request is that artifact, rendered (ShippedPromptTest ran in the package build).
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0.*ShippedPromptTest/
