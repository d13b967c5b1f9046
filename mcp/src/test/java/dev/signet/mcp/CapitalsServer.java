package dev.signet.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MCP server over stdio, built with the official SDK's server side, which the tests start as a child process:
 * {@code capital} answers a country's capital; {@code population} fails with {@code isError}.
 */
public final class CapitalsServer {
    private static final Map<String, String> CAPITALS = Map.of("France", "Paris", "Italy", "Rome", "Japan", "Tokyo");

    private CapitalsServer() {}

    /** A map in the order written, as a schema is sent: the order a model sees its properties in. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static void main(String[] args) throws InterruptedException {
        SyncToolSpecification capital = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("capital").description("The capital city of a country.")
                        .inputSchema(ordered("type", "object",
                                "properties", ordered("country", ordered("type", "string", "description",
                                        "the country, in English")),
                                "required", List.of("country")))
                        .build())
                .callHandler((exchange, request) -> {
                    String country = String.valueOf(request.arguments().get("country"));
                    String city = CAPITALS.get(country);
                    return city == null
                            ? McpSchema.CallToolResult.builder().addTextContent("No capital known for " + country)
                                    .isError(true).build()
                            : McpSchema.CallToolResult.builder().addTextContent(city).build();
                })
                .build();
        SyncToolSpecification population = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("population").description("The population of a city.")
                        .inputSchema(Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))))
                        .build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent("The census service is down").isError(true).build())
                .build();
        McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo("capitals", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(capital, population)
                .build();
        Thread.currentThread().join(); // serves until the client closes stdin and the process is ended
    }
}
