package dev.signet.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.signet.artifact.PromptArtifact;
import dev.signet.dspy.DspyInterop;
import dev.signet.lm.Message;
import dev.signet.rules.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The work of {@code signet:export}, without Maven: for every baked artifact, the portable forms: the OpenAI
 * chat-messages template ({@code <name>.messages.json}, {@code {{field}}} placeholders), a readable page
 * ({@code <name>.md}) and DSPy's layout ({@code <name>.dspy.json}).
 */
final class Exporter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Exporter() {}

    static List<String> export(Path bakedDirectory, Path exportDirectory) throws IOException {
        List<String> written = new ArrayList<>();
        if (!Files.isDirectory(bakedDirectory)) {
            return written;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(bakedDirectory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        Files.createDirectories(exportDirectory);
        for (Path file : files) {
            PromptArtifact artifact = PromptArtifact.read(file);
            String name = artifact.predictor();
            ArrayNode messages = MAPPER.createArrayNode();
            for (Message message : artifact.template()) {
                messages.addObject().put("role", message.role().wireName()).put("content", message.content());
            }
            write(exportDirectory.resolve(name + ".messages.json"), MAPPER.writeValueAsString(messages) + "\n");
            write(exportDirectory.resolve(name + ".md"), markdown(artifact));
            write(exportDirectory.resolve(name + ".dspy.json"), DspyInterop.exportArtifacts(Map.of(name, artifact)));
            written.add(name);
        }
        return written;
    }

    private static String markdown(PromptArtifact artifact) {
        StringBuilder out = new StringBuilder("# " + artifact.predictor() + "\n\n");
        out.append("Module `").append(artifact.module()).append("`, signature `").append(artifact.signature().name())
                .append("` (").append(artifact.signature().fingerprint()).append("), adapter `")
                .append(artifact.adapter()).append("`.\n\n");
        out.append("## Fields\n\n| field | kind | type | description |\n|---|---|---|---|\n");
        artifact.signature().inputs().forEach(f -> out.append("| `").append(f.name()).append("` | input | `")
                .append(f.type()).append("` | ").append(f.description()).append(" |\n"));
        artifact.signature().outputs().forEach(f -> out.append("| `").append(f.name()).append("` | output | `")
                .append(f.type()).append("` | ").append(f.description()).append(" |\n"));
        out.append("\n## Instructions\n\n").append(artifact.instructions()).append("\n\n");
        out.append("## Messages\n\nReplace each `{{field}}` with the input's value.\n");
        for (Message message : artifact.template()) {
            out.append("\n### ").append(message.role().wireName()).append("\n\n````\n").append(message.content())
                    .append("\n````\n");
        }
        return out.toString();
    }

    private static void write(Path file, String text) throws IOException {
        AtomicFiles.write(file, text);
    }
}
