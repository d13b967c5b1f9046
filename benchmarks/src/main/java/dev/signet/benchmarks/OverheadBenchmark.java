package dev.signet.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.signet.Signet;
import dev.signet.adapter.ChatAdapter;
import dev.signet.core.PromptState;
import dev.signet.lm.Message;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Client-side cost of a generated predictor call against a raw OpenAI SDK call, both to the same loopback
 * server answering at once with the same reply. The raw call sends the very messages Signet renders, so the
 * difference is Signet's own work: rendering, the async hop, parsing, the typed result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// On two cores the JIT needs some 20 s before an SDK call's cost settles.
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 8, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OverheadBenchmark {
    private static final String QUESTION = "What is the capital of France?";

    private LoopbackOpenAiServer server;
    private OpenAIClient rawClient;
    private OpenAIClientAsync rawAsyncClient;
    private OpenAiLanguageModel lm;
    private QA predictor;
    private String systemMessage;
    private String userMessage;

    @Setup(Level.Trial)
    public void start() {
        server = LoopbackOpenAiServer.start().keepRequests(0);
        server.respondWith(request -> Reply.fields("answer", "Paris"));
        rawClient = OpenAIOkHttpClient.builder().apiKey("bench").baseUrl(server.baseUrl()).build();
        rawAsyncClient = OpenAIOkHttpClientAsync.builder().apiKey("bench").baseUrl(server.baseUrl()).build();
        lm = OpenAiLanguageModel.builder().apiKey("bench").baseUrl(server.baseUrl()).model("bench").build();
        predictor = QAPredictor.create(Signet.builder().languageModel(lm).build());
        ChatAdapter adapter = new ChatAdapter();
        List<Message> messages = adapter.format(QAPredictor.SIGNATURE,
                new PromptState(QAPredictor.SIGNATURE.instructions(), List.of()), Map.of("question", QUESTION));
        systemMessage = messages.get(0).content();
        userMessage = messages.get(messages.size() - 1).content();
    }

    @TearDown(Level.Trial)
    public void stop() {
        rawClient.close();
        rawAsyncClient.close();
        lm.close();
        server.close();
    }

    /** The baseline: what a developer writes with the SDK alone, reading the answer text. */
    @Benchmark
    public String rawSdk() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("bench")
                .addSystemMessage(systemMessage)
                .addUserMessage(userMessage)
                .build();
        return rawClient.chat().completions().create(params).choices().get(0).message().content().orElseThrow();
    }

    /** The SDK's async client, waited for: the transport the generated async forms use. */
    @Benchmark
    public String rawSdkAsync() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("bench")
                .addSystemMessage(systemMessage)
                .addUserMessage(userMessage)
                .build();
        return rawAsyncClient.chat().completions().create(params).join().choices().get(0).message().content()
                .orElseThrow();
    }

    /** The same call through the generated predictor, returning the parsed, typed answer. */
    @Benchmark
    public String signetPredictor() {
        return predictor.answer(QUESTION);
    }
}
