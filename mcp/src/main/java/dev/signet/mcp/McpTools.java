package dev.signet.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.Tool;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tools an MCP server offers, as Signet tools: listed through the official MCP Java SDK's client, each called
 * on the server when a ReAct predictor ({@code Module.react} or {@code Module.reactNative}) calls it.
 *
 * <pre>{@code
 * McpSyncClient client = McpClient.sync(new StdioClientTransport(
 *         ServerParameters.builder("npx").args("-y", "@modelcontextprotocol/server-everything").build(),
 *         McpJsonDefaults.getMapper())).build();
 * client.initialize();
 * List<Tool> tools = McpTools.of(client);
 * Predictor agent = Predictor.of(signet, signature, Module.reactNative(8, tools.toArray(Tool[]::new)));
 * }</pre>
 *
 * <p>A tool's JSON Schema is the server's {@code inputSchema}; what the model reads back is the result's text
 * content, one part per line (its structured content as JSON when it has no text; other content named by type). A
 * result the server marks {@code isError} is a failed call, which the model reads as an execution error and may
 * correct. The client stays the caller's: close it when done.
 */
public final class McpTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpTools() {}

    /**
     * Every tool the server lists, page by page.
     *
     * @throws IllegalArgumentException naming a tool whose name a model can't call (letters, digits, {@code _} and
     *     {@code -} only)
     */
    public static List<Tool> of(McpSyncClient client) {
        Objects.requireNonNull(client, "client");
        List<Tool> tools = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
            for (McpSchema.Tool tool : page.tools()) {
                tools.add(tool(client, tool));
            }
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return List.copyOf(tools);
    }

    private static Tool tool(McpSyncClient client, McpSchema.Tool tool) {
        String description = tool.description() != null ? tool.description()
                : tool.title() != null ? tool.title() : "";
        Map<String, Object> schema = tool.inputSchema() != null ? tool.inputSchema() : Map.of("type", "object");
        try {
            return Tool.ofSchema(tool.name(), description, schema, arguments -> call(client, tool.name(), arguments));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The MCP server's tool '" + tool.name() + "' can't be offered to a "
                    + "model: " + e.getMessage(), e);
        }
    }

    private static String call(McpSyncClient client, String name, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(name, arguments));
        String text = text(result);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new McpToolException(text.isEmpty() ? "the MCP tool " + name + " failed" : text);
        }
        return text;
    }

    /** What the model reads of a result: its text parts, else its structured content, else what kinds it holds. */
    static String text(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (McpSchema.Content content : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            if (content instanceof McpSchema.TextContent text) {
                parts.add(text.text());
            } else {
                others.add("[" + content.type() + " content]");
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            try {
                parts.add(JSON.writeValueAsString(result.structuredContent()));
            } catch (JsonProcessingException e) {
                parts.add(String.valueOf(result.structuredContent()));
            }
        }
        parts.addAll(others);
        return String.join("\n", parts);
    }
}
