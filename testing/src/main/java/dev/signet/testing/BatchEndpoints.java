package dev.signet.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's files and batches endpoints, as the {@link LoopbackOpenAiServer} serves them: {@code POST /v1/files}
 * (multipart), {@code GET /v1/files/{id}/content}, {@code POST /v1/batches}, {@code GET /v1/batches} and
 * {@code /v1/batches/{id}}, {@code POST /v1/batches/{id}/cancel}. A batch's lines are answered when it is created,
 * each as the live endpoint would answer it, and revealed as its {@link BatchScript} says.
 */
final class BatchEndpoints {
    private static final Pattern FILE_CONTENT = Pattern.compile(".*/v1/files/([^/]+)/content");
    private static final Pattern BATCH = Pattern.compile(".*/v1/batches/([^/]+)");
    private static final Pattern CANCEL = Pattern.compile(".*/v1/batches/([^/]+)/cancel");

    /** One uploaded file. */
    private record StoredFile(String id, String name, byte[] content, long createdAt) {}

    /** One batch: its lines' results, and how far its script has gone. */
    private static final class StoredBatch {
        final String id;
        final String inputFileId;
        final String endpoint;
        final ObjectNode metadata;
        final BatchScript script;
        final List<String[]> lines = new ArrayList<>(); // custom id, result line, "ok" or "error"
        final long createdAt;
        int polls;
        /** How many lines ran, once the batch is over. */
        int ran;
        boolean cancelling;
        String status = "validating";
        String outputFileId;
        String errorFileId;

        StoredBatch(String id, String inputFileId, String endpoint, ObjectNode metadata, BatchScript script,
                long createdAt) {
            this.id = id;
            this.inputFileId = inputFileId;
            this.endpoint = endpoint;
            this.metadata = metadata;
            this.script = script;
            this.createdAt = createdAt;
        }
    }

    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final Map<String, StoredBatch> batches = new LinkedHashMap<>(); // guarded by this
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final List<RecordedRequest> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Function<RecordedRequest, Reply> answer;
    private final LongSupplier sequence;
    private volatile BatchScript script = BatchScript.completes();
    private volatile boolean keepLines = true;

    BatchEndpoints(Function<RecordedRequest, Reply> answer, LongSupplier sequence) {
        this.answer = answer;
        this.sequence = sequence;
    }

    void script(BatchScript script) {
        this.script = script;
    }

    void keepLines(boolean keep) {
        this.keepLines = keep;
    }

    int created() {
        return created.get();
    }

    List<RecordedRequest> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    void reset() {
        files.clear();
        synchronized (this) {
            batches.clear();
        }
        lines.clear();
        created.set(0);
        script = BatchScript.completes();
    }

    static boolean serves(RecordedRequest request) {
        return request.path().matches(".*/v1/(files|batches)(/.*)?");
    }

    /** The reply to a files or batches request. */
    Reply handle(RecordedRequest request, String query, byte[] body) {
        String path = request.path();
        Matcher matcher;
        if (request.method().equals("POST") && path.endsWith("/v1/files")) {
            return upload(request, body);
        }
        if (request.method().equals("GET") && (matcher = FILE_CONTENT.matcher(path)).matches()) {
            StoredFile file = files.get(matcher.group(1));
            return file == null ? Reply.error(404, "No such file: " + matcher.group(1))
                    : Reply.bytes(200, file.content());
        }
        if (request.method().equals("POST") && path.endsWith("/v1/batches")) {
            return create(request.json());
        }
        if (request.method().equals("GET") && path.endsWith("/v1/batches")) {
            return list(query);
        }
        if (request.method().equals("POST") && (matcher = CANCEL.matcher(path)).matches()) {
            return cancel(matcher.group(1));
        }
        if (request.method().equals("GET") && (matcher = BATCH.matcher(path)).matches()) {
            return retrieve(matcher.group(1));
        }
        return Reply.error(404, "loopback server: no such endpoint: " + request.method() + " " + path);
    }

    private Reply upload(RecordedRequest request, byte[] body) {
        String type = request.header("content-type");
        Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type == null ? "" : type);
        if (!boundary.find()) {
            return Reply.error(400, "POST /v1/files takes multipart/form-data");
        }
        String text = new String(body, StandardCharsets.ISO_8859_1); // byte for byte
        String purpose = null;
        String name = null;
        byte[] content = null;
        for (String part : text.split("--" + Pattern.quote(boundary.group(1)))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            String value = part.substring(split + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            Matcher field = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            if (!field.find()) {
                continue;
            }
            if (field.group(1).equals("purpose")) {
                purpose = value;
            } else if (field.group(1).equals("file")) {
                Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
                name = filename.find() ? filename.group(1) : "upload.jsonl";
                content = value.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        if (content == null || !"batch".equals(purpose)) {
            return Reply.error(400, "POST /v1/files needs a file and the purpose batch (got " + purpose + ")");
        }
        String id = "file-" + ids.incrementAndGet();
        long now = System.currentTimeMillis() / 1000;
        files.put(id, new StoredFile(id, name, content, now));
        ObjectNode file = Json.MAPPER.createObjectNode();
        file.put("id", id).put("object", "file").put("bytes", content.length).put("created_at", now)
                .put("filename", name).put("purpose", "batch").put("status", "processed");
        return Reply.raw(200, file.toString());
    }

    private Reply create(JsonNode body) {
        String inputFileId = body.path("input_file_id").asText();
        StoredFile input = files.get(inputFileId);
        if (input == null) {
            return Reply.error(400, "No such input file: " + inputFileId);
        }
        BatchScript script = this.script;
        StoredBatch batch = new StoredBatch("batch_" + ids.incrementAndGet(), inputFileId,
                body.path("endpoint").asText(), body.path("metadata").isObject()
                        ? (ObjectNode) body.path("metadata") : Json.MAPPER.createObjectNode(), script,
                System.currentTimeMillis() / 1000);
        if (script.end() != BatchScript.End.FAILED) {
            String[] inputLines = new String(input.content(), StandardCharsets.UTF_8).split("\n");
            int number = 0;
            for (String line : inputLines) {
                if (!line.isBlank()) {
                    batch.lines.add(run(batch, line, ++number));
                }
            }
        }
        created.incrementAndGet();
        synchronized (this) {
            batches.put(batch.id, batch);
            return Reply.raw(200, json(batch).toString());
        }
    }

    /** Answers one input line as the live endpoint would, as a line of the output or of the error file. */
    private String[] run(StoredBatch batch, String line, int number) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return new String[] {"line-" + number, errorLine(batch, "line-" + number, 400,
                    "line " + number + " is not JSON"), "error"};
        }
        String customId = node.path("custom_id").asText("line-" + number);
        RecordedRequest request = new RecordedRequest("POST", node.path("url").asText(), Map.of(), rawBody(line));
        if (keepLines) {
            lines.add(request);
        }
        Reply reply = answer.apply(request);
        byte[] body = request.responses() ? reply.responsesBody(request, sequence.getAsLong())
                : reply.body(request, sequence.getAsLong());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", "batch_req_" + number).put("custom_id", customId);
        ObjectNode response = out.putObject("response");
        response.put("status_code", reply.status()).put("request_id", "req_" + batch.id + "_" + number);
        try {
            response.set("body", Json.MAPPER.readTree(body));
        } catch (IOException e) {
            response.put("body", new String(body, StandardCharsets.UTF_8));
        }
        out.putNull("error");
        return new String[] {customId, out.toString(), reply.status() == 200 ? "ok" : "error"};
    }

    /** The line's {@code body} exactly as the client wrote it, not re-serialized, so tests can compare bytes. */
    private static String rawBody(String line) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean body = parser.currentName().equals("body");
                JsonToken value = parser.nextToken();
                long start = parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                if (body && value == JsonToken.START_OBJECT) {
                    return line.substring((int) start, (int) parser.currentLocation().getCharOffset());
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String errorLine(StoredBatch batch, String customId, int status, String message) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", "batch_req_x").put("custom_id", customId);
        ObjectNode response = out.putObject("response");
        response.put("status_code", status).put("request_id", "req_" + batch.id);
        response.putObject("body").putObject("error").put("message", message).put("type", "invalid_request_error");
        out.putNull("error");
        return out.toString();
    }

    private synchronized Reply retrieve(String id) {
        StoredBatch batch = batches.get(id);
        if (batch == null) {
            return Reply.error(404, "No such batch: " + id);
        }
        if (!terminal(batch.status)) {
            batch.polls++;
            if (batch.cancelling) {
                finish(batch, "cancelled", batch.lines.size() * (batch.polls - 1) / batch.script.polls());
            } else if (batch.polls >= batch.script.polls()) {
                switch (batch.script.end()) {
                    case COMPLETED -> finish(batch, "completed", batch.lines.size());
                    case EXPIRED -> finish(batch, "expired", Math.min(batch.script.linesRun(), batch.lines.size()));
                    case FAILED -> batch.status = "failed";
                }
            } else {
                batch.status = "in_progress";
            }
        }
        return Reply.raw(200, json(batch).toString());
    }

    private static boolean terminal(String status) {
        return status.equals("completed") || status.equals("expired") || status.equals("failed")
                || status.equals("cancelled");
    }

    /** Ends a batch with its first {@code run} lines in its output and error files. */
    private void finish(StoredBatch batch, String status, int run) {
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < run; i++) {
            String[] line = batch.lines.get(i);
            (line[2].equals("ok") ? output : errors).append(line[1]).append('\n');
        }
        batch.outputFileId = store(batch, "output", output);
        batch.errorFileId = store(batch, "errors", errors);
        batch.status = status;
        batch.ran = run; // the rest of an expired or cancelled batch is in no file
    }

    private String store(StoredBatch batch, String kind, StringBuilder content) {
        if (content.length() == 0) {
            return null;
        }
        String id = "file-" + ids.incrementAndGet();
        files.put(id, new StoredFile(id, batch.id + "_" + kind + ".jsonl",
                content.toString().getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() / 1000));
        return id;
    }

    private synchronized Reply cancel(String id) {
        StoredBatch batch = batches.get(id);
        if (batch == null) {
            return Reply.error(404, "No such batch: " + id);
        }
        if (!terminal(batch.status)) {
            batch.cancelling = true;
            batch.status = "cancelling";
        }
        return Reply.raw(200, json(batch).toString());
    }

    /** A page of batches, newest first, after the batch named by {@code after} and at most {@code limit} long. */
    private synchronized Reply list(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        int limit = Integer.parseInt(parameters.getOrDefault("limit", "20"));
        List<StoredBatch> newestFirst = new ArrayList<>(batches.values());
        Collections.reverse(newestFirst);
        int from = 0;
        String after = parameters.get("after");
        if (after != null) {
            while (from < newestFirst.size() && !newestFirst.get(from).id.equals(after)) {
                from++;
            }
            from++;
        }
        List<StoredBatch> pageOf = newestFirst.subList(Math.min(from, newestFirst.size()),
                Math.min(from + limit, newestFirst.size()));
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.put("object", "list");
        ArrayNode data = page.putArray("data");
        pageOf.forEach(batch -> data.add(json(batch)));
        if (!pageOf.isEmpty()) {
            page.put("first_id", pageOf.get(0).id).put("last_id", pageOf.get(pageOf.size() - 1).id);
        }
        page.put("has_more", from + limit < newestFirst.size());
        return Reply.raw(200, page.toString());
    }

    private static ObjectNode json(StoredBatch batch) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", batch.id).put("object", "batch").put("endpoint", batch.endpoint)
                .put("input_file_id", batch.inputFileId).put("completion_window", "24h").put("status", batch.status)
                .put("created_at", batch.createdAt);
        if (batch.outputFileId != null) {
            node.put("output_file_id", batch.outputFileId);
        }
        if (batch.errorFileId != null) {
            node.put("error_file_id", batch.errorFileId);
        }
        int ok = 0;
        int failed = 0;
        for (String[] line : batch.lines.subList(0, batch.ran)) {
            if (line[2].equals("ok")) {
                ok++;
            } else {
                failed++;
            }
        }
        boolean done = terminal(batch.status);
        node.putObject("request_counts").put("total", batch.lines.size()).put("completed", done ? ok : 0)
                .put("failed", done ? failed : 0);
        if (batch.status.equals("failed")) {
            ObjectNode errors = node.putObject("errors");
            errors.put("object", "list");
            errors.putArray("data").addObject().put("code", "invalid_request").put("message",
                    batch.script.message()).put("line", 1);
        }
        node.set("metadata", batch.metadata);
        return node;
    }
}
