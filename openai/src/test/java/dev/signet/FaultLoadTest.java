package dev.signet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.core.SignetException;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.ExampleResult;
import dev.signet.eval.Metrics;
import dev.signet.lm.LanguageModelException;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.RecordedRequest;
import dev.signet.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Load under faults: 2,000 calls from 64 threads, 15% of them faulted on their first attempt (429 with
 * Retry-After, 500 and a connection dropped mid-reply, which the retries absorb; a body that is not a completion
 * and a reply cut off at the token limit, which they can't). Every call ends, with its own answer or a typed error
 * of the fault it met: none lost, none crossed with another's, none hung.
 */
class FaultLoadTest {
    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .input("question", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();
    private static final Pattern ID = Pattern.compile("question (\\d+)");

    /** The faults, by how the question's number falls: 15 in every 100 questions meet one. */
    enum Fault { NONE, RATE_LIMIT, SERVER, DROPPED, GARBAGE, CUT_OFF }

    static Fault faultOf(int id) {
        return switch (id % 100) {
            case 3, 17, 41 -> Fault.RATE_LIMIT;
            case 9, 55, 76 -> Fault.SERVER;
            case 23, 62, 88 -> Fault.DROPPED;
            case 31, 70, 94 -> Fault.GARBAGE;
            case 12, 47, 99 -> Fault.CUT_OFF;
            default -> Fault.NONE;
        };
    }

    private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)
            .respondWith(this::respond);
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("sk-load-0123456789abcdef").baseUrl(server.baseUrl()).model("m").maxRetries(2).build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    /** The first attempt of a faulted question meets its fault; every other attempt answers with the question's id. */
    private Reply respond(RecordedRequest request) {
        Matcher id = ID.matcher(request.lastUserMessage());
        if (!id.find()) {
            return Reply.error(400, "no question number");
        }
        int number = Integer.parseInt(id.group(1));
        Reply answer = Reply.fields("answer", "ans-" + number);
        boolean first = attempts.computeIfAbsent(number, n -> new AtomicInteger()).getAndIncrement() == 0;
        return switch (faultOf(number)) {
            case NONE -> answer;
            case RATE_LIMIT -> first ? Reply.error(429, "slow down").withHeader("Retry-After", "0") : answer;
            case SERVER -> first ? Reply.error(500, "boom") : answer;
            case DROPPED -> first ? answer.cutOffAfter(30) : answer;
            case GARBAGE -> Reply.raw(200, "{\"id\": \"chatcmpl\", \"choices\": [");
            case CUT_OFF -> Reply.fields("answer", "ans-" + number + "-cu").withFinishReason("length");
        };
    }

    /** What a call must give for its question: its own answer, or the typed error of a fault retries can't absorb. */
    private static void check(int id, Object outcome) {
        switch (faultOf(id)) {
            case GARBAGE -> assertThat(outcome).as("question " + id).isInstanceOfSatisfying(LanguageModelException.class,
                    e -> assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.INVALID_RESPONSE));
            case CUT_OFF -> assertThat(outcome).as("question " + id).isInstanceOfSatisfying(LanguageModelException.class,
                    e -> assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.TRUNCATED));
            default -> assertThat(outcome).as("question " + id).isEqualTo("ans-" + id);
        }
    }

    @Test
    void twoThousandCallsFromSixtyFourThreadsEndWithTheirOwnAnswerOrTheirFaultsTypedError() throws Exception {
        Predictor qa = Predictor.of(Signet.builder().languageModel(lm).build(), QA);
        ExecutorService threads = Executors.newFixedThreadPool(64);
        List<Future<Object>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                int id = i;
                calls.add(threads.submit(() -> {
                    try {
                        // half blocking, half async: both paths under the same faults
                        return id % 2 == 0 ? qa.call(Map.of("question", "question " + id)).get("answer")
                                : qa.callAsync(Map.of("question", "question " + id)).join().get("answer");
                    } catch (java.util.concurrent.CompletionException e) {
                        return e.getCause();
                    } catch (SignetException e) {
                        return e;
                    }
                }));
            }
            for (int id = 0; id < calls.size(); id++) {
                check(id, calls.get(id).get(120, TimeUnit.SECONDS)); // a hang fails here
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(attempts).hasSize(2000);
    }

    @Test
    void anEvaluationUnderFaultsAccountsForEveryExample() {
        Predictor qa = Predictor.of(Signet.builder().languageModel(lm).build(), QA);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            examples.add(new Example(Map.of("question", "question " + i), Map.of("answer", "ans-" + i)));
        }

        EvaluationResult result = Evaluator.builder().concurrency(16).maxErrors(300).build()
                .evaluate(examples, example -> qa.predictAsync(example.inputs()), Metrics.exactMatch("answer"));

        assertThat(result.results()).hasSize(300);
        for (ExampleResult example : result.results()) {
            check(example.index(), example.error() != null ? example.error()
                    : example.prediction().outputs().get("answer"));
        }
        long unrecoverable = examples.stream().map(e -> Integer.parseInt(((String) e.input("question")).substring(9)))
                .filter(id -> faultOf(id) == Fault.GARBAGE || faultOf(id) == Fault.CUT_OFF).count();
        assertThat(result.errors()).isEqualTo((int) unrecoverable);
        assertThat(result.meanScore()).isEqualTo(1 - unrecoverable / 300.0);
    }
}
