package dev.signet.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.Module;
import dev.signet.Prediction;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.Tool;
import dev.signet.ToolStep;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.SignatureDescription;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tools of an MCP server ({@link CapitalsServer}, started by the test as a child process and reached over stdio
 * through the official SDK) as Signet tools, called by ReAct predictors whose model is the loopback server through
 * the real OpenAI SDK.
 */
class McpToolsTest {
    private static final SignatureDescription QA = SignatureDescription.builder("QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();
    private static McpSyncClient client;

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder().apiKey("test").baseUrl(server.baseUrl())
            .model("gpt-4o-mini").build();
    private final Signet signet = Signet.builder().languageModel(lm).build();

    @BeforeAll
    static void startTheServer() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        client = McpClient.sync(new StdioClientTransport(ServerParameters.builder(java)
                        .args("-cp", System.getProperty("java.class.path"), CapitalsServer.class.getName()).build(),
                        McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    static void stopTheServer() {
        client.close();
    }

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    @Test
    void theServersToolsAreListedWithTheirSchemas() {
        List<Tool> tools = McpTools.of(client);
        assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrder("capital", "population");
        Tool capital = tools.stream().filter(t -> t.name().equals("capital")).findFirst().orElseThrow();
        assertThat(capital.description()).isEqualTo("The capital city of a country.");
        assertThat(capital.arguments()).isEmpty();
        assertThat(capital.schema()).containsEntry("type", "object").containsEntry("required", List.of("country"));
    }

    @Test
    void aNativeToolCallingLoopCallsTheMcpToolsAndReadsTheirResultsAndErrors() {
        server.enqueue(Reply.toolCalls("capital", "{\"country\": \"France\"}", "population", "{\"city\": \"Paris\"}"),
                Reply.fields("answer", "Paris; its population is unknown"));
        GeographyPredictor agent = GeographyPredictor.create(signet,
                Module.reactNative(4, McpTools.of(client).toArray(Tool[]::new)));

        Prediction<String> prediction = agent.predictAsync(
                "What is the capital of France, and how many live there?").join();

        assertThat(prediction.output()).isEqualTo("Paris; its population is unknown");
        assertThat(prediction.trajectory()).extracting(ToolStep::tool, ToolStep::observation).containsExactly(
                org.assertj.core.groups.Tuple.tuple("capital", "Paris"),
                org.assertj.core.groups.Tuple.tuple("population",
                        "Execution error in population: McpToolException: The census service is down"));
        JsonNode tools = server.requests().get(0).json().path("tools");
        assertThat(tools).hasSize(2);
        JsonNode offered = tools.path(0).path("function").path("name").asText().equals("capital") ? tools.path(0)
                : tools.path(1);
        assertThat(offered.path("function").path("parameters").path("properties").path("country").path("description")
                .asText()).isEqualTo("the country, in English");
        JsonNode messages = server.lastRequest().json().path("messages");
        assertThat(messages.path(3).path("content").asText()).isEqualTo("Paris");
    }

    @Test
    void reactsTextProtocolCallsAnMcpToolToo() {
        server.enqueue(Reply.fields("next_thought", "Look it up.", "next_tool_name", "capital", "next_tool_args",
                        "{\"country\": \"Japan\"}"),
                Reply.fields("next_thought", "Done.", "next_tool_name", "finish", "next_tool_args", "{}"),
                Reply.fields("reasoning", "The tool said Tokyo.", "answer", "Tokyo"));
        Predictor agent = Predictor.of(signet, QA, Module.react(3, McpTools.of(client).toArray(Tool[]::new)));

        Prediction<Outputs> prediction = agent.predict(Map.of("question", "Capital of Japan?"));

        assertThat(prediction.outputs().get("answer")).isEqualTo("Tokyo");
        assertThat(prediction.trajectory().get(0).observation()).isEqualTo("Tokyo");
        assertThat(server.requests().get(0).messages().get(0).content())
                .contains("capital, whose description is <desc>The capital city of a country.</desc>. It takes "
                        + "arguments {'country': {'type': 'string', 'description': 'the country, in English'}}.");
    }
}
