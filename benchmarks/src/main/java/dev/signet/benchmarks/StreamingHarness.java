package dev.signet.benchmarks;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.signet.Signet;
import dev.signet.adapter.ChatAdapter;
import dev.signet.core.PromptState;
import dev.signet.lm.Message;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Streaming against the raw OpenAI SDK, A/B in one JVM on the same scripted stream (the loopback server's
 * Server-Sent Events, a reply of three fields in 4-character chunks): the time to the first field done
 * ({@code summary}, which a raw consumer has when the chunk that completes the next header's line arrives: the
 * same moment Signet's parser can report it), the time to the first partial text (the raw SDK's first chunk with
 * text of the summary, after its header), each over pairs of streams, raw then Signet or Signet then raw; and the CPU per chunk (the whole process,
 * the in-process server included, for both) over blocks of streams, alternating.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec
 * -Dbench.main=dev.signet.benchmarks.StreamingHarness -Dbench.args="0"} (the pause between chunks in
 * milliseconds: 0, every chunk as fast as the server writes it, is the worst case for Signet's share).
 */
public final class StreamingHarness {
    private static final String TOPIC = "river walks";
    private static final int WARMUP_ROUNDS = 6;
    private static final int ROUNDS = 10;
    private static final int PIECE = 4;
    private static final String FIRST_HEADER = "[[ ## summary ## ]]\n";
    private static final String HEADER_AFTER_SUMMARY = "[[ ## points ## ]]\n";

    private StreamingHarness() {}

    /** What one stream measured, in nanoseconds from the request. */
    private record Timing(long firstText, long firstField, long end) {}

    public static void main(String[] args) throws Exception {
        Duration pause = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 0);
        int streams = pause.isZero() ? 200 : 20; // a block of streams takes a few seconds either way
        String reply = reply();
        int chunks = (reply.length() + PIECE - 1) / PIECE + 2; // the text, the finish reason, the usage
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> Reply.text(reply).streamed(PIECE, pause));
            OpenAIClientAsync raw = OpenAIOkHttpClientAsync.builder().apiKey("bench").baseUrl(server.baseUrl())
                    .build();
            OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
                    .apiKey("bench").baseUrl(server.baseUrl()).model("bench").build();
            try {
                BriefPredictor predictor = BriefPredictor.create(Signet.builder().languageModel(lm).build());
                List<Message> messages = new ChatAdapter().format(BriefPredictor.SIGNATURE,
                        new PromptState(BriefPredictor.SIGNATURE.instructions(), List.of()), Map.of("topic", TOPIC));
                ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("bench")
                        .addSystemMessage(messages.get(0).content())
                        .addUserMessage(messages.get(messages.size() - 1).content())
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build();
                Supplier<Timing> rawStream = () -> rawStream(raw, params);
                Supplier<Timing> signetStream = () -> signetStream(predictor);

                for (int round = 0; round < WARMUP_ROUNDS; round++) {
                    block(rawStream, streams);
                    block(signetStream, streams);
                }
                // latency: raw and Signet streams in pairs, the order flipping every pair
                List<Double> rawFirstField = new ArrayList<>();
                List<Double> signetFirstField = new ArrayList<>();
                List<Double> rawFirstText = new ArrayList<>();
                List<Double> signetFirstText = new ArrayList<>();
                List<Double> rawEnd = new ArrayList<>();
                List<Double> signetEnd = new ArrayList<>();
                for (int i = 0; i < streams * ROUNDS; i++) {
                    Timing rawTiming;
                    Timing signetTiming;
                    if (i % 2 == 0) {
                        rawTiming = rawStream.get();
                        signetTiming = signetStream.get();
                    } else {
                        signetTiming = signetStream.get();
                        rawTiming = rawStream.get();
                    }
                    rawFirstField.add(rawTiming.firstField() / 1000.0);
                    signetFirstField.add(signetTiming.firstField() / 1000.0);
                    rawFirstText.add(rawTiming.firstText() / 1000.0);
                    signetFirstText.add(signetTiming.firstText() / 1000.0);
                    rawEnd.add(rawTiming.end() / 1000.0);
                    signetEnd.add(signetTiming.end() / 1000.0);
                }
                // CPU: blocks of streams, alternating, the order flipping every round
                List<Double> rawCpu = new ArrayList<>();
                List<Double> signetCpu = new ArrayList<>();
                List<Double> cpuRatios = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    double raw1;
                    double signet1;
                    if (round % 2 == 0) {
                        raw1 = block(rawStream, streams);
                        signet1 = block(signetStream, streams);
                    } else {
                        signet1 = block(signetStream, streams);
                        raw1 = block(rawStream, streams);
                    }
                    rawCpu.add(raw1 / chunks);
                    signetCpu.add(signet1 / chunks);
                    cpuRatios.add(signet1 / raw1);
                }
                System.out.printf(Locale.ROOT, "pause %d ms, %d chunks a stream, %d pairs of streams, medians:%n",
                        pause.toMillis(), chunks, streams * ROUNDS);
                report("time to the first field done", rawFirstField, signetFirstField);
                report("time to the first text", rawFirstText, signetFirstText);
                report("whole stream", rawEnd, signetEnd);
                System.out.printf(Locale.ROOT, "  %-30s raw SDK %9.2f us, Signet %9.2f us, ratio %.3f (median of %d "
                        + "blocks)%n", "process CPU per chunk", median(rawCpu), median(signetCpu), median(cpuRatios),
                        ROUNDS);
            } finally {
                raw.close();
                lm.close();
            }
        }
    }

    private static String reply() {
        StringBuilder summary = new StringBuilder();
        while (summary.length() < 600) {
            summary.append("The river path runs past the old mills and under four bridges. ");
        }
        return String.join("\n", "[[ ## summary ## ]]", summary.toString().strip(), "", "[[ ## points ## ]]",
                "[\"Start at the market\", \"Cross the stone bridge\", \"Coffee at the lock\", \"Back by tram\"]", "",
                "[[ ## confidence ## ]]", "87", "", "[[ ## completed ## ]]");
    }

    private static Timing rawStream(OpenAIClientAsync raw, ChatCompletionCreateParams params) {
        long start = System.nanoTime();
        long[] marks = new long[2];
        StringBuilder text = new StringBuilder();
        AsyncStreamResponse<ChatCompletionChunk> response = raw.chat().completions().createStreaming(params);
        response.subscribe(chunk -> {
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                Optional<String> piece = choice.delta().content();
                if (piece.isPresent() && !piece.get().isEmpty()) {
                    int from = Math.max(0, text.length() - HEADER_AFTER_SUMMARY.length());
                    text.append(piece.get());
                    if (marks[0] == 0 && text.length() > FIRST_HEADER.length()) {
                        marks[0] = System.nanoTime(); // the first of the summary's text
                    }
                    if (marks[1] == 0 && text.indexOf(HEADER_AFTER_SUMMARY, from) >= 0) {
                        marks[1] = System.nanoTime();
                    }
                }
            }
        });
        response.onCompleteFuture().join();
        return new Timing(marks[0] - start, marks[1] - start, System.nanoTime() - start);
    }

    private static Timing signetStream(BriefPredictor predictor) {
        long start = System.nanoTime();
        long[] marks = new long[2];
        CompletableFuture<?> done = predictor.briefStream(TOPIC).forEach(event -> {
            if (marks[0] == 0 && event.field().isPresent()) {
                marks[0] = System.nanoTime();
            }
            if (marks[1] == 0 && event.fieldDone() && event.field().get().equals("summary")) {
                marks[1] = System.nanoTime();
            }
        });
        done.join();
        return new Timing(marks[0] - start, marks[1] - start, System.nanoTime() - start);
    }

    /** @return the process CPU per stream of a block of streams, in microseconds */
    private static double block(Supplier<Timing> stream, int streams) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        for (int i = 0; i < streams; i++) {
            if (stream.get().firstField() <= 0) {
                throw new IllegalStateException("a stream without its first field");
            }
        }
        return (os.getProcessCpuTime() - cpu) / 1000.0 / streams;
    }

    private static void report(String what, List<Double> raw, List<Double> signet) {
        double rawMedian = median(raw);
        double signetMedian = median(signet);
        System.out.printf(Locale.ROOT, "  %-30s raw SDK %9.2f us, Signet %9.2f us, ratio %.3f%n", what, rawMedian,
                signetMedian, signetMedian / rawMedian);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.size() % 2 == 1
                ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }
}
