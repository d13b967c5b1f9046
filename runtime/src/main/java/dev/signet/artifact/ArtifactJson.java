package dev.signet.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.artifact.PromptArtifact.FieldRecord;
import dev.signet.artifact.PromptArtifact.SignatureRecord;
import dev.signet.internal.Json;
import dev.signet.lm.Message;
import dev.signet.lm.Message.Role;
import dev.signet.rules.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code signet.prompt/v1} format as JSON: written with its keys in a fixed order, read back naming the source
 * and the missing or mistyped property in every error.
 */
final class ArtifactJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ArtifactJson() {}

    /** @return the artifact as JSON text, keys in a fixed order, ending with a newline */
    static String write(PromptArtifact artifact) {
        SignatureRecord signature = artifact.signature();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", PromptArtifact.FORMAT);
        root.put("predictor", artifact.predictor());
        root.put("module", artifact.module());
        ObjectNode sig = root.putObject("signature");
        sig.put("name", signature.name());
        sig.put("instructions", signature.instructions());
        sig.set("inputs", fieldsJson(signature.inputs()));
        sig.set("outputs", fieldsJson(signature.outputs()));
        sig.put("fingerprint", signature.fingerprint());
        root.put("adapter", artifact.adapter());
        root.put("instructions", artifact.instructions());
        root.set("demos", artifact.demosNode());
        ArrayNode messages = root.putArray("template");
        artifact.template().forEach(m -> messages.addObject().put("role", m.role().wireName()).put("content", m.content()));
        root.set("provenance", artifact.provenanceNode());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode fieldsJson(List<FieldRecord> fields) {
        ArrayNode array = MAPPER.createArrayNode();
        for (FieldRecord field : fields) {
            ObjectNode node = array.addObject();
            node.put("name", field.name());
            node.put("type", field.type());
            node.put("description", field.description());
            try {
                node.set("schema", MAPPER.readTree(field.schema()));
            } catch (IOException e) {
                throw new IllegalStateException("invalid schema of " + field.name(), e);
            }
            if (!field.constraints().isEmpty()) {
                ArrayNode constraints = node.putArray("constraints");
                field.constraints().forEach(constraints::add);
            }
        }
        return array;
    }

    /** Reads an artifact, naming the source and the property in every error. */
    static PromptArtifact read(InputStream in, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new ArtifactException("The prompt artifact " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        Reader r = new Reader(source);
        if (root == null || !root.isObject()) {
            throw new ArtifactException("The prompt artifact " + source + " is not a JSON object.");
        }
        String format = r.text(root, "format");
        if (!PromptArtifact.FORMAT.equals(format)) {
            throw new ArtifactException("The prompt artifact " + source + " has the format '" + format + "', but this "
                    + "version of Signet reads " + PromptArtifact.FORMAT + ". Re-optimize with this version, or upgrade Signet.");
        }
        JsonNode sig = r.object(root, "signature");
        SignatureRecord signature = new SignatureRecord(r.text(sig, "name"), r.text(sig, "instructions"),
                r.fields(sig, "inputs"), r.fields(sig, "outputs"), r.text(sig, "fingerprint"));
        ArrayNode demos = (ArrayNode) r.array(root, "demos");
        for (int i = 0; i < demos.size(); i++) {
            if (!demos.get(i).isObject()) {
                throw new ArtifactException("The prompt artifact " + source + ": demos[" + i + "] is not an object.");
            }
        }
        List<Message> template = new ArrayList<>();
        for (JsonNode message : r.array(root, "template")) {
            template.add(new Message(r.role(message), r.text(message, "content")));
        }
        ObjectNode provenance = root.has("provenance") ? (ObjectNode) r.object(root, "provenance")
                : Json.NODES.objectNode();
        return new PromptArtifact(r.text(root, "predictor"), r.text(root, "module"), signature, r.text(root, "adapter"),
                r.text(root, "instructions"), demos, template, provenance, source);
    }

    /** Reads required properties, naming the missing or mistyped one. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        String text(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isTextual()) {
                throw new ArtifactException("The prompt artifact " + source + " has no text property '" + key + "'.");
            }
            return value.textValue();
        }

        JsonNode object(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isObject()) {
                throw new ArtifactException("The prompt artifact " + source + " has no object property '" + key + "'.");
            }
            return value;
        }

        JsonNode array(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isArray()) {
                throw new ArtifactException("The prompt artifact " + source + " has no array property '" + key + "'.");
            }
            return value;
        }

        List<FieldRecord> fields(JsonNode signature, String key) {
            List<FieldRecord> fields = new ArrayList<>();
            for (JsonNode field : array(signature, key)) {
                JsonNode schema = field.get("schema");
                List<String> constraints = new ArrayList<>();
                field.path("constraints").forEach(c -> constraints.add(c.asText()));
                fields.add(new FieldRecord(text(field, "name"), text(field, "type"), text(field, "description"),
                        schema == null ? "" : schemaText(schema), constraints));
            }
            return fields;
        }

        /** A recorded schema, written the way the prompt shows schemas, so that it compares with the current one. */
        private static String schemaText(JsonNode schema) {
            StringBuilder out = new StringBuilder();
            Schemas.write(Json.PLAIN.convertValue(schema, Object.class), out);
            return out.toString();
        }

        Role role(JsonNode message) {
            String role = text(message, "role");
            for (Role candidate : Role.values()) {
                if (candidate.wireName().equals(role)) {
                    return candidate;
                }
            }
            throw new ArtifactException("The prompt artifact " + source + " has a message with the unknown role '"
                    + role + "'.");
        }
    }
}
