package dev.signet.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Module;
import dev.signet.Prediction;
import dev.signet.PredictionStream;
import dev.signet.PredictorCall;
import dev.signet.Signet;
import dev.signet.StreamEvent;
import dev.signet.adapter.JsonAdapter;
import dev.signet.cache.Cache;
import dev.signet.lm.LanguageModelException;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.streaming.PlanWalk.Plan;
import dev.signet.streaming.PlanWalk.Stop;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.usage.Budget;
import dev.signet.usage.BudgetExceededException;
import dev.signet.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streaming end to end: a generated predictor's {@code planStream} through the OpenAI SDK's streaming client, to
 * the loopback server speaking OpenAI's Server-Sent Events.
 */
class StreamingTest {
    private static final String SUMMARY = "A short walk along the river, past the old market and up to the castle, "
            + "with a stop for coffee.";
    private static final String CHAT_REPLY = String.join("\n",
            "[[ ## summary ## ]]",
            SUMMARY,
            "",
            "[[ ## stops ## ]]",
            "[{\"name\": \"Old market\", \"minutes\": 20}, {\"name\": \"Caf\u00e9 Central\", \"minutes\": 30}, "
                    + "{\"name\": \"Castle\", \"minutes\": 45}]",
            "",
            "[[ ## minutes ## ]]",
            "95",
            "",
            "[[ ## completed ## ]]");
    private static final Plan PLAN = new Plan(SUMMARY, List.of(new Stop("Old market", 20),
            new Stop("Caf\u00e9 Central", 30), new Stop("Castle", 45)), 95);

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("sk-test-streaming-key").baseUrl(server.baseUrl()).model("loopback-model").build();
    private final Signet signet = Signet.builder().languageModel(lm).build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    @Test
    void fieldsStreamInOrderThenThePredictionAsANonStreamingCallWouldReturnIt() {
        server.enqueue(Reply.text(CHAT_REPLY).withUsage(120, 64).streamed(3, Duration.ZERO));
        List<StreamEvent<Plan>> events = new ArrayList<>();

        Prediction<Plan> streamed = PlanWalkPredictor.create(signet).planStream("Prague").forEach(events::add)
                .join();

        assertThat(server.lastRequest().json().path("stream").asBoolean()).isTrue();
        assertThat(server.lastRequest().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(streamed.output()).isEqualTo(PLAN);
        assertThat(streamed.usage().promptTokens()).isEqualTo(120);
        assertThat(streamed.usage().completionTokens()).isEqualTo(64);
        assertThat(streamed.completion().text()).isEqualTo(CHAT_REPLY);

        // the summary grows, a prefix of itself each time, and is done before the stops begin
        List<String> summaries = events.stream().filter(e -> e.field().orElse("").equals("summary") && !e.fieldDone())
                .map(e -> e.partial().summary()).toList();
        assertThat(summaries).hasSizeGreaterThan(10);
        for (int i = 1; i < summaries.size(); i++) {
            assertThat(summaries.get(i)).startsWith(summaries.get(i - 1)).isNotEqualTo(summaries.get(i - 1));
            assertThat(SUMMARY).startsWith(summaries.get(i));
        }
        // the stops come element by element, each a complete, typed record
        List<List<Stop>> stops = events.stream().filter(e -> e.field().orElse("").equals("stops"))
                .map(e -> e.partial().stops()).toList();
        assertThat(stops).extracting(List::size).containsExactly(1, 2, 3, 3);
        assertThat(stops.get(0)).containsExactly(new Stop("Old market", 20));
        // each field is done once, in the reply's order; the last event holds the prediction
        assertThat(events.stream().filter(StreamEvent::fieldDone).map(e -> e.field().orElseThrow()))
                .containsExactly("summary", "stops", "minutes");
        assertThat(events.subList(0, events.size() - 1)).noneMatch(StreamEvent::isFinal);
        StreamEvent<Plan> last = events.get(events.size() - 1);
        assertThat(last.isFinal()).isTrue();
        assertThat(last.partial()).isEqualTo(PLAN);
        assertThat(last.done()).containsExactlyInAnyOrder("summary", "stops", "minutes");
        // a field not yet written is null (or zero) in the partial output
        StreamEvent<Plan> first = events.get(0);
        assertThat(first.partial().stops()).isNull();
        assertThat(first.partial().minutes()).isZero();

        server.enqueue(Reply.text(CHAT_REPLY).withUsage(120, 64));
        Prediction<Plan> whole = PlanWalkPredictor.create(signet).predict("Prague");
        assertThat(whole.output()).isEqualTo(streamed.output());
        assertThat(whole.completion().text()).isEqualTo(streamed.completion().text());
        assertThat(server.requests().get(1).json().has("stream")).isFalse();
    }

    @Test
    void theJsonAdapterStreamsFieldByFieldToo() {
        String json = "{\"summary\": \"" + SUMMARY + "\", \"stops\": [{\"name\": \"Old market\", \"minutes\": 20}, "
                + "{\"name\": \"Caf\\u00e9 Central\", \"minutes\": 30}, {\"name\": \"Castle\", \"minutes\": 45}], "
                + "\"minutes\": 95}";
        server.enqueue(Reply.text(json).streamed(2, Duration.ZERO));
        Signet jsonSignet = Signet.builder().languageModel(lm).adapter(new JsonAdapter()).build();
        List<StreamEvent<Plan>> events = new ArrayList<>();

        Prediction<Plan> prediction = PlanWalkPredictor.create(jsonSignet).planStream("Prague")
                .forEach(events::add).join();

        assertThat(prediction.output()).isEqualTo(PLAN);
        assertThat(server.lastRequest().json().path("response_format").path("type").asText())
                .isEqualTo("json_schema");
        assertThat(events.stream().filter(StreamEvent::fieldDone).map(e -> e.field().orElseThrow()))
                .containsExactly("summary", "stops", "minutes");
        assertThat(events.stream().filter(e -> !e.fieldDone() && e.field().orElse("").equals("summary")))
                .hasSizeGreaterThan(10);
        // element by element (the last element and the field's end may come in one piece, and one event)
        assertThat(events.stream().filter(e -> e.field().orElse("").equals("stops"))
                .map(e -> e.partial().stops().size()).distinct()).containsExactly(1, 2, 3);
    }

    @Test
    void chainOfThoughtStreamsTheReasoningFirst() {
        server.enqueue(Reply.text("[[ ## reasoning ## ]]\nThe river is pretty; the castle is a must.\n\n" + CHAT_REPLY)
                .streamed(4, Duration.ZERO));
        List<StreamEvent<Plan>> events = new ArrayList<>();

        Prediction<Plan> prediction = PlanWalkPredictor.create(signet, Module.chainOfThought()).planStream("Prague")
                .forEach(events::add).join();

        assertThat(prediction.output()).isEqualTo(PLAN);
        assertThat(events.get(0).field()).contains("reasoning");
        assertThat(events.stream().filter(StreamEvent::fieldDone).map(e -> e.field().orElseThrow()))
                .containsExactly("reasoning", "summary", "stops", "minutes");
        StreamEvent<Plan> reasoned = events.stream().filter(e -> e.isDone("reasoning")).findFirst().orElseThrow();
        assertThat(reasoned.outputs().asMap()).containsEntry("reasoning", "The river is pretty; the castle is a must.");
        assertThat(prediction.outputs().asMap()).containsKey("reasoning");
    }

    @Test
    void nothingIsSentUntilASubscriberRequestsAndEachSubscriberMakesItsOwnCall() throws Exception {
        server.respondWith(request -> Reply.text(CHAT_REPLY).streamed(8, Duration.ZERO));
        PredictionStream<Plan> stream = PlanWalkPredictor.create(signet).planStream("Prague");
        Thread.sleep(100);
        assertThat(server.requestCount()).isZero();

        assertThat(stream.forEach(event -> { }).join().output()).isEqualTo(PLAN);
        assertThat(stream.forEach(event -> { }).join().output()).isEqualTo(PLAN);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void aSubscriberGetsNoMoreEventsThanItRequested() throws Exception {
        server.enqueue(Reply.text(CHAT_REPLY).streamed(1, Duration.ZERO));
        List<StreamEvent<Plan>> received = new CopyOnWriteArrayList<>();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        CountDownLatch completed = new CountDownLatch(1);
        PlanWalkPredictor.create(signet).planStream("Prague").subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                s.request(2);
            }

            @Override
            public void onNext(StreamEvent<Plan> event) {
                received.add(event);
            }

            @Override
            public void onError(Throwable failure) {
                completed.countDown();
            }

            @Override
            public void onComplete() {
                completed.countDown();
            }
        });

        // the whole reply arrives; the subscriber has asked for two events and gets two
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requestCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertThat(received).hasSize(2);
        subscription.get().request(Long.MAX_VALUE);
        assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(received.get(received.size() - 1).prediction().orElseThrow().output()).isEqualTo(PLAN);
    }

    @Test
    void cancellingTheStreamClosesItsConnection() throws Exception {
        StringBuilder longSummary = new StringBuilder("[[ ## summary ## ]]\n");
        for (int i = 0; i < 400; i++) {
            longSummary.append("and on. ");
        }
        server.enqueue(Reply.text(longSummary + "\n[[ ## completed ## ]]").streamed(4, Duration.ofMillis(10)));
        CountDownLatch firstEvent = new CountDownLatch(1);
        List<StreamEvent<Plan>> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Prediction<Plan>> prediction = PlanWalkPredictor.create(signet).planStream("Prague")
                .forEach(event -> {
                    received.add(event);
                    firstEvent.countDown();
                });

        assertThat(firstEvent.await(10, TimeUnit.SECONDS)).isTrue();
        prediction.cancel(true);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.cancelledStreams()).isEqualTo(1);
        int seen = received.size();
        Thread.sleep(200);
        assertThat(received).hasSize(seen); // nothing after the cancel
        assertThat(seen).isLessThan(100);
    }

    @Test
    void aStreamThatBreaksOffAfterTextFailsWithTheTextThatCame() {
        server.enqueue(Reply.text(CHAT_REPLY).streamed(10, Duration.ZERO).cutStreamAfter(5));

        assertThatThrownBy(() -> PlanWalkPredictor.create(signet).planStream("Prague").forEach(e -> { }).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.CONNECTION);
                    assertThat(e.partialText()).contains(CHAT_REPLY.substring(0, 50));
                    assertThat(e.getMessage()).contains("no finish_reason").contains("50 characters")
                            .doesNotContain("sk-test-streaming-key");
                });
        assertThat(server.requestCount()).isEqualTo(1); // text had been handed on: not retried behind the caller
    }

    @Test
    void anErrorEventInTheStreamIsAServerErrorWithThePartialText() {
        server.enqueue(Reply.text(CHAT_REPLY).streamed(10, Duration.ZERO).failStreamAfter(3, "The server had an "
                + "error while processing your request."));

        assertThatThrownBy(() -> PlanWalkPredictor.create(signet).planStream("Prague").forEach(e -> { }).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.SERVER);
                    assertThat(e.partialText()).contains(CHAT_REPLY.substring(0, 30));
                    assertThat(e.getMessage()).contains("sent an error in the stream")
                            .contains("The server had an error");
                });
    }

    @Test
    void aStreamThatBreaksOffBeforeAnyTextIsRetried() {
        server.enqueue(Reply.text(CHAT_REPLY).streamed(10, Duration.ZERO).cutStreamAfter(0),
                Reply.text(CHAT_REPLY).streamed(10, Duration.ZERO));

        Prediction<Plan> prediction = PlanWalkPredictor.create(signet).planStream("Prague").forEach(e -> { }).join();

        assertThat(prediction.output()).isEqualTo(PLAN);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void anErrorStatusFailsTheStreamAsPredictWouldFail() {
        server.enqueue(Reply.error(400, "Unsupported parameter: 'stream_options'"));

        assertThatThrownBy(() -> PlanWalkPredictor.create(signet).planStream("Prague").forEach(e -> { }).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.BAD_REQUEST);
                    assertThat(e.partialText()).isEmpty();
                    assertThat(e.getMessage()).contains("stream_options");
                });
    }

    @Test
    void aCachedReplyIsReplayedAsAStreamWithoutARequest() {
        Signet cached = Signet.builder().languageModel(lm).interceptor(Cache.inMemory(10)).build();
        server.enqueue(Reply.text(CHAT_REPLY).streamed(5, Duration.ZERO));
        Prediction<Plan> first = PlanWalkPredictor.create(cached).planStream("Prague").forEach(e -> { }).join();
        List<StreamEvent<Plan>> events = new ArrayList<>();

        Prediction<Plan> second = PlanWalkPredictor.create(cached).planStream("Prague").forEach(events::add).join();

        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.output()).isEqualTo(first.output()).isEqualTo(PLAN);
        assertThat(events.stream().filter(StreamEvent::fieldDone).map(e -> e.field().orElseThrow()))
                .containsExactly("summary", "stops", "minutes");
    }

    @Test
    void aReplyTheChatAdapterCannotParseRestartsTheStreamWithTheJsonFallback() {
        server.enqueue(Reply.text("Sure! The walk: old market, then the castle.").streamed(5, Duration.ZERO),
                Reply.text("{\"summary\": \"" + SUMMARY + "\", \"stops\": [{\"name\": \"Old market\", \"minutes\": "
                        + "20}, {\"name\": \"Caf\u00e9 Central\", \"minutes\": 30}, {\"name\": \"Castle\", "
                        + "\"minutes\": 45}], \"minutes\": 95}").streamed(5, Duration.ZERO));
        List<StreamEvent<Plan>> events = new ArrayList<>();

        Prediction<Plan> prediction = PlanWalkPredictor.create(signet).planStream("Prague").forEach(events::add)
                .join();

        assertThat(prediction.output()).isEqualTo(PLAN);
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(events).filteredOn(StreamEvent::restarted).hasSize(1);
        int restart = events.indexOf(events.stream().filter(StreamEvent::restarted).findFirst().orElseThrow());
        assertThat(events.get(restart).outputs().asMap()).isEmpty();
        assertThat(events.subList(restart, events.size()).stream().filter(StreamEvent::fieldDone)
                .map(e -> e.field().orElseThrow())).containsExactly("summary", "stops", "minutes");
    }

    @Test
    void twoHundredConcurrentStreamsEachGetTheirOwnReply() {
        server.respondWith(request -> Reply.text("[[ ## summary ## ]]\nWalk " + request.lastUserMessage().hashCode()
                + " along the river.\n\n[[ ## stops ## ]]\n[]\n\n[[ ## minutes ## ]]\n"
                + Math.abs(request.lastUserMessage().hashCode() % 1000) + "\n\n[[ ## completed ## ]]")
                .streamed(6, Duration.ofMillis(2)));
        PlanWalkPredictor predictor = PlanWalkPredictor.create(signet);
        List<CompletableFuture<Prediction<Plan>>> streams = new ArrayList<>();
        List<String> cities = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            cities.add("City " + i);
            streams.add(predictor.planStream("City " + i).forEach(event -> { }));
        }

        for (int i = 0; i < streams.size(); i++) {
            Plan plan = streams.get(i).join().output();
            String message = predictor.preview(cities.get(i)).get(1).content();
            assertThat(plan.summary()).isEqualTo("Walk " + message.hashCode() + " along the river.");
            assertThat(plan.minutes()).isEqualTo(Math.abs(message.hashCode() % 1000));
        }
        assertThat(server.requestCount()).isEqualTo(200);
    }

    @Test
    void aMarkerSplitAtEveryOffsetStreamsTheSameThroughTheSdk() {
        String reply = "[[ ## summary ## ]]\nShort.\n\n[[ ## stops ## ]]\n[{\"name\": \"A\", \"minutes\": 5}]\n\n"
                + "[[ ## minutes ## ]]\n5\n\n[[ ## completed ## ]]";
        Plan expected = new Plan("Short.", List.of(new Stop("A", 5)), 5);
        PlanWalkPredictor predictor = PlanWalkPredictor.create(signet);
        for (int cut = 1; cut < reply.length(); cut++) {
            server.enqueue(Reply.text(reply).streamedIn(List.of(reply.substring(0, cut), reply.substring(cut)),
                    Duration.ZERO));
            List<String> done = new ArrayList<>();
            Prediction<Plan> prediction = predictor.planStream("Prague").forEach(event -> {
                if (event.fieldDone()) {
                    done.add(event.field().orElseThrow() + "=" + event.outputs().get(event.field().orElseThrow()));
                }
            }).join();
            assertThat(prediction.output()).as("cut at %d", cut).isEqualTo(expected);
            assertThat(done).as("cut at %d", cut).containsExactly("summary=Short.", "stops=" + expected.stops(),
                    "minutes=5");
        }
    }

    @Test
    void aStreamCutOffAtTheTokenLimitIsATruncatedError() {
        server.enqueue(Reply.text("[[ ## summary ## ]]\nA walk that goes on and").withFinishReason("length")
                .streamed(5, Duration.ZERO));

        assertThatThrownBy(() -> PlanWalkPredictor.create(signet).planStream("Prague").forEach(e -> { }).join())
                .cause()
                .isInstanceOfSatisfying(LanguageModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.TRUNCATED));
        assertThat(server.requestCount()).isEqualTo(1); // not retried through the JSON fallback
    }

    @Test
    void aStreamThatStallsTimesOut() {
        OpenAiLanguageModel impatient = OpenAiLanguageModel.builder().apiKey("test").baseUrl(server.baseUrl())
                .model("m").timeout(Duration.ofMillis(400)).maxRetries(0).build();
        try (impatient) {
            server.enqueue(Reply.text(CHAT_REPLY).streamed(10, Duration.ofMillis(300)));
            Signet slow = Signet.builder().languageModel(impatient).build();
            long start = System.nanoTime();

            assertThatThrownBy(() -> PlanWalkPredictor.create(slow).planStream("Prague").forEach(e -> { }).join())
                    .cause()
                    .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LanguageModelException.Kind.CONNECTION);
                        assertThat(e.partialText()).isPresent();
                        assertThat(e.getMessage()).contains("timed out").contains("PT0.4S");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void listenersAndBudgetsSeeAStreamedCallAsAnyOther() {
        List<PredictorCall> calls = new CopyOnWriteArrayList<>();
        Budget budget = Budget.unlimited().maxTokens(1_000);
        Signet observed = Signet.builder().languageModel(lm).interceptor(budget).listener(calls::add).build();
        server.enqueue(Reply.text(CHAT_REPLY).withUsage(300, 200).streamed(7, Duration.ZERO),
                Reply.text(CHAT_REPLY).withUsage(300, 200).streamed(7, Duration.ZERO));
        PlanWalkPredictor predictor = PlanWalkPredictor.create(observed);

        predictor.planStream("Prague").forEach(e -> { }).join();

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).succeeded()).isTrue();
        assertThat(calls.get(0).usage().totalTokens()).isEqualTo(500);
        assertThat(budget.used().totalTokens()).isEqualTo(500);
        predictor.planStream("Prague").forEach(e -> { }).join();
        assertThat(budget.used().totalTokens()).isEqualTo(1_000);
        assertThatThrownBy(() -> predictor.planStream("Prague").forEach(e -> { }).join())
                .cause().isInstanceOf(BudgetExceededException.class);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void aSubscriberThatThrowsHasItsStreamCancelled() throws Exception {
        server.enqueue(Reply.text(CHAT_REPLY).streamed(2, Duration.ofMillis(5)));

        CompletableFuture<Prediction<Plan>> prediction = PlanWalkPredictor.create(signet).planStream("Prague")
                .forEach(event -> {
                    throw new IllegalStateException("the consumer broke");
                });

        assertThatThrownBy(prediction::join).cause().hasMessage("the consumer broke");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.cancelledStreams()).isEqualTo(1);
    }
}
