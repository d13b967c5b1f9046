package dev.signet.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Prediction;
import dev.signet.Signet;
import dev.signet.adapter.OutputParseException;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.ExampleResult;
import dev.signet.internal.Futures;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.BatchScript;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.RecordedRequest;
import dev.signet.testing.Reply;
import dev.signet.usage.UsageMeter;
import dev.signet.usage.UsageMeter.Price;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Batch API through the real OpenAI SDK against the loopback server's /v1/files and /v1/batches. */
class BatchModelTest {
    private static final Duration FAST = Duration.ofMillis(5);

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel live = OpenAiLanguageModel.builder().apiKey("sk-test-secret-key")
            .baseUrl(server.baseUrl()).model("gpt-4o-mini").build();

    @TempDir
    Path work;

    @AfterEach
    void close() {
        live.close();
        server.close();
    }

    private BatchModel.Builder batch() {
        return BatchModel.builder(live).pollInterval(FAST, FAST).checkpoint(work.resolve("run.batch.json"));
    }

    @Test
    void tenThousandExamplesScoreTheSameByBatchAsLiveAndNoneIsDropped() {
        BatchFixture.serve(server);
        List<Example> dev = BatchFixture.examples(10_000);
        UsageMeter liveMeter = new UsageMeter(Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60")));
        UsageMeter batchMeter = new UsageMeter(Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60")));
        Signet signet = Signet.builder().languageModel(live).build();
        DoublerPredictor liveQa = DoublerPredictor.create(signet.withListener(liveMeter));
        EvaluationResult byLive = Evaluator.builder().concurrency(64).build()
                .evaluate(dev, example -> liveQa.predictAsync(example.input("question")), BatchFixture.metric());
        int liveRequests = server.requestCount();

        BatchModel batch = batch().maxRequestsPerBatch(4_000).build();
        DoublerPredictor batchQa = DoublerPredictor.create(signet.withModel(batch).withListener(batchMeter));
        EvaluationResult byBatch = Evaluator.builder().batch(batch).build()
                .evaluate(dev, example -> batchQa.predictAsync(example.input("question")), BatchFixture.metric());

        assertThat(server.requestCount()).as("no live request during the batch run").isEqualTo(liveRequests);
        assertThat(byBatch.meanScore()).isEqualTo(byLive.meanScore());
        assertThat(byBatch.errors()).isEqualTo(byLive.errors()).isEqualTo(103 + 112 - 1);
        assertThat(byBatch.results()).hasSize(10_000);
        for (int i = 0; i < dev.size(); i++) {
            assertThat(byBatch.results().get(i).score()).as("example %d", i).isEqualTo(byLive.results().get(i).score());
        }
        Map<String, Long> failures = byBatch.results().stream().filter(r -> r.error() != null)
                .collect(Collectors.groupingBy(r -> failure(r), Collectors.counting()));
        // 97 * 89 = 8633 is rejected: 103 multiples of 97, 112 of 89 but that one unparsable
        assertThat(failures).isEqualTo(Map.of("BAD_REQUEST", 103L, "parse", 111L));
        ExampleResult rejected = byBatch.results().get(96);
        assertThat(rejected.error()).hasMessageContaining("HTTP 400").hasMessageContaining("rejected: 97");
        // one round of 10,000 in three batches (the 4,000 limit), then a round for the 111 unparsable replies'
        // parse repair, then one for their JSON fallback: each retry of the chain is a round, as live it is a call
        assertThat(server.batchesCreated()).isEqualTo(5);
        assertThat(batch.batchIds()).hasSize(5);
        assertThat(batchMeter.total()).isEqualTo(liveMeter.total());
        assertThat(batchMeter.cost()).isEqualByComparingTo(liveMeter.cost().divide(BigDecimal.valueOf(2)));
        assertThat(Files.exists(work.resolve("run.batch.json"))).as("the checkpoint is gone once done").isFalse();
    }

    private static String failure(ExampleResult result) {
        Throwable error = result.error();
        if (error instanceof OutputParseException) {
            return "parse";
        }
        return error instanceof LanguageModelException lm ? lm.kind().name() : error.getClass().getSimpleName();
    }

    @Test
    void aBatchedLineIsTheBodyALiveCallSendsByteForByteOnBothApis() {
        for (OpenAiLanguageModel.Api api : OpenAiLanguageModel.Api.values()) {
            server.reset();
            BatchFixture.serve(server);
            try (OpenAiLanguageModel model = OpenAiLanguageModel.builder().apiKey("test").baseUrl(server.baseUrl())
                    .model("gpt-4o-mini").api(api).build()) {
                Signet signet = Signet.builder().languageModel(model).build();
                assertThat(DoublerPredictor.create(signet).doubled("What is the double of 21?")).isEqualTo(42);
                RecordedRequest sent = server.lastRequest();

                BatchModel batch = BatchModel.builder(model).pollInterval(FAST, FAST).build();
                DoublerPredictor batched = DoublerPredictor.create(signet.withModel(batch));
                List<CompletableFuture<Prediction<Integer>>> out = batch.runAll(
                        List.of("What is the double of 21?"), batched::predictAsync);

                assertThat(out.get(0).join().output()).isEqualTo(42);
                assertThat(out.get(0).join().attempts().get(0).completion().batched()).isTrue();
                RecordedRequest line = server.batchedRequests().get(0);
                assertThat(line.path()).isEqualTo(api == OpenAiLanguageModel.Api.RESPONSES ? "/v1/responses"
                        : "/v1/chat/completions");
                assertThat(line.body()).as(api.name()).isEqualTo(sent.body());
            }
        }
    }

    @Test
    void linesFailedByTheProviderAndUnparsableOnesAreReportedTypedPerItem() {
        BatchFixture.serve(server);
        Signet signet = Signet.builder().languageModel(live).jsonFallback(false).build();
        BatchModel batch = batch().build();
        DoublerPredictor qa = DoublerPredictor.create(signet.withModel(batch));
        List<Map<String, Object>> inputs = List.of(Map.of("question", "What is the double of 5?"),
                Map.of("question", "What is the double of 97?"), Map.of("question", "What is the double of 89?"));

        List<CompletableFuture<Prediction<dev.signet.core.Outputs>>> out = qa.predictor().predictAll(inputs);

        assertThat(out.get(0).join().outputs().get("doubled")).isEqualTo(10);
        assertThat(cause(out.get(1))).isInstanceOfSatisfying(LanguageModelException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST));
        assertThat(cause(out.get(2))).isInstanceOf(OutputParseException.class)
                .hasMessageContaining("I would rather not say");
        // the parse repair of the unparsable reply went out as a second batch, and failed again
        assertThat(server.batchesCreated()).isEqualTo(2);

        // live, the same inputs end the same way
        List<CompletableFuture<Prediction<dev.signet.core.Outputs>>> byLive = DoublerPredictor.create(signet)
                .predictor().predictAll(inputs);
        assertThat(byLive.get(0).join().outputs().get("doubled")).isEqualTo(10);
        assertThat(cause(byLive.get(1))).isInstanceOf(LanguageModelException.class);
        assertThat(cause(byLive.get(2))).isInstanceOf(OutputParseException.class);
        assertThat(byLive.get(0).join().attempts().get(0).completion().batched()).isFalse();
    }

    private static Throwable cause(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return Futures.unwrap(e);
        }
    }

    @Test
    void anExpiredBatchFailsItsUnrunRequestsAsExpiredOrRetriesThemLive() {
        BatchFixture.serve(server);
        server.batchScript(BatchScript.expiresAfter(2));
        Signet signet = Signet.builder().languageModel(live).build();
        List<String> questions = List.of("What is the double of 1?", "What is the double of 2?",
                "What is the double of 4?", "What is the double of 5?");

        BatchModel expiring = batch().build();
        DoublerPredictor qa = DoublerPredictor.create(signet.withModel(expiring));
        List<CompletableFuture<Prediction<Integer>>> out = expiring.runAll(questions, qa::predictAsync);
        long expired = out.stream().filter(CompletableFuture::isCompletedExceptionally)
                .map(BatchModelTest::cause).filter(e -> e instanceof LanguageModelException lm
                        && lm.kind() == Kind.EXPIRED).count();
        assertThat(expired).isEqualTo(2);
        assertThat(out.stream().filter(f -> !f.isCompletedExceptionally()).count()).isEqualTo(2);

        BatchModel retrying = batch().retryLive(true).build();
        DoublerPredictor again = DoublerPredictor.create(signet.withModel(retrying));
        int before = server.requestCount();
        List<CompletableFuture<Prediction<Integer>>> retried = retrying.runAll(questions, again::predictAsync);
        assertThat(retried).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        assertThat(retried.stream().map(f -> f.join().output()).toList()).containsExactly(2, 4, 8, 10);
        assertThat(server.requestCount() - before).as("the two expired ones, live").isEqualTo(2);
    }

    @Test
    void aBatchThatFailsValidationFailsEveryRequestSayingWhy() {
        BatchFixture.serve(server);
        server.batchScript(BatchScript.failsValidation("line 1: the model gpt-x does not exist"));
        BatchModel batch = batch().build();
        DoublerPredictor qa = DoublerPredictor.create(Signet.builder().languageModel(batch).build());

        List<CompletableFuture<Prediction<Integer>>> out = batch.runAll(List.of("What is the double of 3?"),
                qa::predictAsync);

        assertThat(cause(out.get(0))).isInstanceOfSatisfying(LanguageModelException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
            assertThat(e).hasMessageContaining("the model gpt-x does not exist");
        });
    }

    @Test
    void cancelFailsTheUnfinishedRequestsAsCancelled() throws Exception {
        BatchFixture.serve(server);
        server.batchScript(BatchScript.completes().afterPolls(1_000_000));
        BatchModel batch = batch().onStatus(status -> { }).build();
        DoublerPredictor qa = DoublerPredictor.create(Signet.builder().languageModel(batch).build());
        CompletableFuture<List<CompletableFuture<Prediction<Integer>>>> run = CompletableFuture.supplyAsync(() ->
                batch.runAll(List.of("What is the double of 3?", "What is the double of 6?"), qa::predictAsync));
        while (server.batchesCreated() == 0) {
            Thread.sleep(5);
        }

        batch.cancel();

        List<CompletableFuture<Prediction<Integer>>> out = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(out).allSatisfy(f -> assertThat(cause(f)).isInstanceOfSatisfying(LanguageModelException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED)));
        dev.signet.lm.LmRequest after = dev.signet.lm.LmRequest.of(List.of(dev.signet.lm.Message.user("hi")));
        assertThat(cause(batch.complete(after))).hasMessageContaining("cancelled");
    }

    @Test
    void aRoundOverTheByteLimitIsSplitAndARequestOverItFailsAlone() {
        BatchFixture.serve(server);
        BatchModel batch = batch().maxBytesPerFile(2_000).build();
        Signet signet = Signet.builder().languageModel(batch).build();
        DoublerPredictor qa = DoublerPredictor.create(signet);
        List<String> questions = List.of("What is the double of 1?", "What is the double of 2?",
                "What is the double of 3?", "What is the double of 4?" + " please".repeat(400));

        List<CompletableFuture<Prediction<Integer>>> out = batch.runAll(questions, qa::predictAsync);

        assertThat(out.subList(0, 3).stream().map(f -> f.join().output()).toList()).containsExactlyInAnyOrder(2, 4, 7);
        assertThat(cause(out.get(3))).isInstanceOfSatisfying(LanguageModelException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
            assertThat(e).hasMessageContaining("over the batch input file's limit of 2000 bytes");
        });
        assertThat(server.batchesCreated()).as("three lines of ~0.9 KB in files of 2,000 bytes").isEqualTo(2);
    }

    @Test
    void aRunThatDiesAfterSubmittingIsResumedFromItsCheckpointWithoutASecondBatch() {
        BatchFixture.serve(server);
        server.batchScript(BatchScript.completes().afterPolls(3));
        Signet signet = Signet.builder().languageModel(live).build();
        List<String> questions = List.of("What is the double of 1?", "What is the double of 2?");
        BatchModel dying = batch().onStatus(status -> {
            throw new IllegalStateException("the process dies");
        }).build();
        DoublerPredictor first = DoublerPredictor.create(signet.withModel(dying));
        assertThatThrownBy(() -> dying.runAll(questions, first::predictAsync)).hasMessage("the process dies");
        assertThat(Files.exists(work.resolve("run.batch.json"))).isTrue();
        assertThat(server.batchesCreated()).isEqualTo(1);

        BatchModel rerun = batch().build();
        DoublerPredictor second = DoublerPredictor.create(signet.withModel(rerun));
        List<CompletableFuture<Prediction<Integer>>> out = rerun.runAll(questions, second::predictAsync);

        assertThat(out.stream().map(f -> f.join().output()).toList()).containsExactly(2, 4);
        assertThat(server.batchesCreated()).as("the same batch, picked up again").isEqualTo(1);
        assertThat(rerun.batchIds()).isEqualTo(dying.batchIds());
    }

    @Test
    void aCheckpointWhosePartsAreNotTheRoundsIsRefusedNamingTheFile() throws Exception {
        BatchFixture.serve(server);
        server.batchScript(BatchScript.completes().afterPolls(3));
        Signet signet = Signet.builder().languageModel(live).build();
        List<String> questions = List.of("What is the double of 1?", "What is the double of 2?");
        BatchModel dying = batch().onStatus(status -> {
            throw new IllegalStateException("the process dies");
        }).build();
        DoublerPredictor first = DoublerPredictor.create(signet.withModel(dying));
        assertThatThrownBy(() -> dying.runAll(questions, first::predictAsync)).hasMessage("the process dies");
        Path saved = work.resolve("run.batch.json");
        Files.writeString(saved, Files.readString(saved).replaceFirst("\"to\" ?: ?2", "\"to\": 7"));

        BatchModel rerun = batch().build();
        DoublerPredictor second = DoublerPredictor.create(signet.withModel(rerun));
        assertThatThrownBy(() -> rerun.runAll(questions, second::predictAsync))
                .hasMessageContaining(saved.toString()).hasMessageContaining("requests 0 to 7 in a round of 2");
        assertThat(server.batchesCreated()).isEqualTo(1);
    }

    @Test
    void aCheckpointOfAnotherModelOrNotACheckpointIsRefusedNamingTheFile() throws Exception {
        Path other = work.resolve("run.batch.json");
        Files.writeString(other,
                "{\"format\":\"signet-batch-checkpoint/1\",\"api\":\"openai:elsewhere\",\"rounds\":[]}");
        BatchModel batch = batch().build();
        assertThatThrownBy(() -> batch.runAll(List.of(1), i -> CompletableFuture.completedFuture(i)))
                .hasMessageContaining(other.toString()).hasMessageContaining("another model");
        Files.writeString(other, "{\"not\": \"mine\"}");
        assertThatThrownBy(() -> batch.runAll(List.of(1), i -> CompletableFuture.completedFuture(i)))
                .hasMessageContaining(other.toString()).hasMessageContaining("is not a Signet batch checkpoint");
    }

    @Test
    void callsOutsideARunAndBlockingCallsOnItsThreadFailSayingWhatToDo() {
        BatchModel batch = batch().build();
        DoublerPredictor qa = DoublerPredictor.create(Signet.builder().languageModel(batch).build());
        assertThatThrownBy(() -> qa.doubled("What is the double of 1?")).hasMessageContaining("runAll");
        List<CompletableFuture<Integer>> out = batch.runAll(List.of("What is the double of 1?"),
                q -> CompletableFuture.completedFuture(qa.doubled(q)));
        assertThat(cause(out.get(0))).hasMessageContaining("A blocking call can't be answered by a batch");
        assertThatThrownBy(() -> BatchModel.builder(request -> CompletableFuture.failedFuture(new RuntimeException())))
                .hasMessageContaining("has no Batch API");
    }

    @Test
    void callsThatReachTheModelFromOtherThreadsJoinOneRound() {
        BatchFixture.serve(server);
        BatchModel batch = batch().build();
        DoublerPredictor qa = DoublerPredictor.create(Signet.builder().languageModel(batch).build());

        // each call reaches the model 15 ms after the one before it, from a timer thread
        List<CompletableFuture<Prediction<Integer>>> out = batch.runAll(List.of(1, 2, 3, 4), n ->
                CompletableFuture.supplyAsync(() -> "What is the double of " + n + "?", CompletableFuture
                        .delayedExecutor(15L * n, java.util.concurrent.TimeUnit.MILLISECONDS))
                        .thenCompose(qa::predictAsync));

        assertThat(out.stream().map(f -> f.join().output()).toList()).containsExactly(2, 4, 7, 8);
        assertThat(server.batchesCreated()).as("one round, not one per thread").isEqualTo(1);
    }

    @Test
    void aBudgetCountsABatchedCallAtTheBatchPrice() {
        BatchFixture.serve(server);
        Price price = Price.perMillion("0.15", "0.60");
        dev.signet.usage.Budget budget = dev.signet.usage.Budget.unlimited().maxCost(new BigDecimal("1"), price);
        BatchModel batch = batch().build();
        DoublerPredictor qa = DoublerPredictor.create(Signet.builder().languageModel(batch).build()
                .withInterceptor(budget));

        assertThat(batch.runAll(List.of("What is the double of 8?"), qa::predictAsync).get(0).join().output())
                .isEqualTo(16);

        // 40 prompt and 5 completion tokens: 0.000009 live, half of it by batch
        assertThat(budget.spent()).isEqualByComparingTo("0.0000045");
        assertThat(budget.used().totalTokens()).isEqualTo(45);
    }

    @Test
    void noSecretReachesTheCheckpoint() throws Exception {
        BatchFixture.serve(server);
        server.batchScript(BatchScript.completes().afterPolls(2));
        BatchModel batch = batch().onStatus(status -> {
            try {
                assertThat(Files.readString(work.resolve("run.batch.json"))).doesNotContain("sk-test-secret-key")
                        .contains("batch_");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).build();
        DoublerPredictor qa = DoublerPredictor.create(Signet.builder().languageModel(batch).build());
        assertThat(batch.runAll(List.of("What is the double of 8?"), qa::predictAsync).get(0).join().output())
                .isEqualTo(16);
    }
}
