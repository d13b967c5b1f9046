package dev.signet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.cache.Cache;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metrics;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark local mode (two cores, a failed task retried up to three times) against the loopback server. */
class SparkPredictorTest {
    private static SparkSession spark;

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0);

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2,3]").appName("signet-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @AfterEach
    void close() {
        server.close();
    }

    /** A factory whose lambda captures only strings: it is what the executors deserialize. */
    private static PredictorFactory profiles(String baseUrl, String cacheDirectory) {
        return () -> {
            Signet signet = Signet.builder().languageModel(OpenAiLanguageModel.builder().apiKey("sk-spark")
                    .baseUrl(baseUrl).model("gpt-4o-mini").maxConcurrentRequests(256).build()).build();
            if (cacheDirectory != null) {
                signet = signet.withInterceptor(Cache.onDisk(Path.of(cacheDirectory)));
            }
            return ProfilePredictor.create(signet).predictor();
        };
    }

    @Test
    void fiveThousandRowsGetTypedColumnsAndTheirFailuresPerRow() {
        Members.serve(server);
        SparkPredictor profile = SparkPredictor.builder(profiles(server.baseUrl(), null)).maxInFlight(32).build();

        Dataset<Row> out = profile.transform(Members.dataset(spark, 5_000, 4));

        assertThat(out.schema().simpleString()).isEqualTo("struct<name:string,age:int,hobbies:array<string>,"
                + "tier:string,tags:array<string>,home:struct<city:string,zip:int>,score:int,ratio:double,"
                + "active:boolean,counts:map<string,int>,signet_usage:struct<prompt_tokens:bigint,"
                + "completion_tokens:bigint,total_tokens:bigint>,signet_latency_ms:bigint,signet_cache_hit:boolean,"
                + "signet_model:string,signet_error:string,signet_error_kind:string>");
        List<Row> rows = out.collectAsList();
        assertThat(rows).hasSize(5_000);
        Map<String, Long> kinds = rows.stream().collect(Collectors.groupingBy(
                row -> String.valueOf((Object) row.getAs("signet_error_kind")), Collectors.counting()));
        long rejected = rows.stream().filter(row -> row.<Integer>getAs("age") % 50 == 0).count();
        long unparsable = rows.stream().filter(row -> row.<Integer>getAs("age") % 77 == 0).count();
        assertThat(kinds).isEqualTo(Map.of("BAD_REQUEST", rejected, "PARSE", unparsable,
                "null", 5_000 - rejected - unparsable));
        for (Row row : rows) {
            int age = row.getAs("age");
            String name = row.getAs("name");
            if (age % 50 == 0) {
                assertThat((String) row.getAs("signet_error")).contains("rejected: age " + age);
                assertThat((Object) row.getAs("tier")).isNull();
                continue;
            }
            if (age % 77 == 0) {
                assertThat((String) row.getAs("signet_error")).contains("No profile today");
                continue;
            }
            int i = Integer.parseInt(name.substring("member-".length()));
            assertThat((String) row.getAs("tier")).isEqualTo(Members.tier(age).name());
            assertThat(row.<String>getList(row.fieldIndex("tags"))).isEqualTo(Members.hobbies(i));
            Row home = row.getAs("home");
            assertThat(home.<String>getAs("city")).isEqualTo(name.toUpperCase(java.util.Locale.ROOT));
            assertThat(home.<Integer>getAs("zip")).isEqualTo(1000 + age);
            assertThat((Integer) row.getAs("score")).isEqualTo(age * 2);
            assertThat((Double) row.getAs("ratio")).isEqualTo(age / 4.0);
            assertThat((Boolean) row.getAs("active")).isEqualTo(age % 2 == 0);
            assertThat(row.<String, Integer>getJavaMap(row.fieldIndex("counts")))
                    .isEqualTo(Map.of("age", age, "len", name.length()));
            Row usage = row.getAs("signet_usage");
            assertThat(usage.getLong(2)).isEqualTo(42);
            assertThat((String) row.getAs("signet_model")).isEqualTo("gpt-4o-mini");
        }
    }

    @Test
    void aFailedTaskRetriedGivesTheSameRowsWithoutPayingTwiceWhenCached(@TempDir Path cache) {
        Members.serve(server);
        SparkPredictor profile = SparkPredictor.builder(profiles(server.baseUrl(), cache.toString())).build();
        // members the server answers at the first call (a failed call is not cached: a retry sends it again)
        Dataset<Row> members = Members.dataset(spark, 600, 3).filter("age % 50 != 0 AND age % 77 != 0");
        long count = members.count();

        Dataset<Row> answered = profile.transform(members);
        // the first attempt of partition 0 makes all its calls, then dies: Spark runs the task again
        List<Row> rows = answered.mapPartitions((MapPartitionsFunction<Row, Row>) partition -> {
            List<Row> all = new ArrayList<>();
            partition.forEachRemaining(all::add);
            TaskContext task = TaskContext.get();
            if (task.partitionId() == 0 && task.attemptNumber() == 0) {
                throw new IllegalStateException("the executor dies");
            }
            return all.iterator();
        }, Encoders.row(answered.schema())).collectAsList();

        assertThat(rows).hasSize((int) count);
        assertThat(server.requestCount()).as("every member's call once, the retried ones from the cache")
                .isEqualTo(count);
        assertThat(rows.stream().filter(row -> Boolean.TRUE.equals(row.getAs("signet_cache_hit"))).count())
                .as("the retried partition's successful calls").isPositive();
        List<Row> again = profile.transform(members).collectAsList();
        assertThat(again.stream().map(row -> row.getAs("name") + "=" + row.getAs("tier")).sorted().toList())
                .isEqualTo(rows.stream().map(row -> row.getAs("name") + "=" + row.getAs("tier")).sorted().toList());
    }

    @Test
    void theSparkEvaluatorScoresAsTheLocalEvaluator() {
        server.respondWith(request -> {
            String question = Members.fields(request.lastUserMessage()).get("question");
            int n = Integer.parseInt(question.replaceAll("\\D", ""));
            return n % 13 == 0 ? Reply.error(400, "no") : Reply.fields("answer", n % 3 == 0 ? "wrong" : "a" + n);
        });
        List<Example> examples = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            examples.add(new Example(Map.of("question", "Question " + i), Map.of("answer", "a" + i)));
            rows.add(RowFactory.create("Question " + i, "a" + i));
        }
        Dataset<Row> dev = spark.createDataFrame(rows, new StructType().add("question", DataTypes.StringType)
                .add("answer", DataTypes.StringType)).repartition(2);
        String url = server.baseUrl();
        PredictorFactory qa = () -> QaPredictor.create(Signet.builder().languageModel(OpenAiLanguageModel.builder()
                .apiKey("k").baseUrl(url).model("gpt-4o-mini").build()).build()).predictor();

        EvaluationResult onSpark = SparkEvaluator.builder(SparkPredictor.builder(qa).build(),
                Metrics.exactMatch("answer")).build().evaluate(dev.orderBy("question"));
        Predictor local = qa.create();
        EvaluationResult locally = Evaluator.builder().concurrency(8).build().evaluate(
                examples.stream().sorted(java.util.Comparator.comparing(e -> e.<String>input("question"))).toList(),
                example -> local.predictAsync(example.inputs()), Metrics.exactMatch("answer"));

        assertThat(onSpark.meanScore()).isEqualTo(locally.meanScore()).isGreaterThan(0.5).isLessThan(0.7);
        assertThat(onSpark.errors()).isEqualTo(locally.errors()).isEqualTo(31);
        assertThat(onSpark.usage()).isEqualTo(locally.usage());
        for (int i = 0; i < 400; i++) {
            assertThat(onSpark.results().get(i).example()).isEqualTo(locally.results().get(i).example());
            assertThat(onSpark.results().get(i).score()).as("example %d", i)
                    .isEqualTo(locally.results().get(i).score());
        }
    }

    @Test
    void aMissingColumnOrAClashingOneFailsSayingWhatToDo() {
        Members.serve(server);
        SparkPredictor profile = SparkPredictor.builder(profiles(server.baseUrl(), null)).build();
        Dataset<Row> noAge = Members.dataset(spark, 10, 1).drop("age");
        assertThatThrownBy(() -> profile.transform(noAge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column age for the input age")
                .hasMessageContaining("inputColumn(\"age\", \"column\")");
        Dataset<Row> clash = Members.dataset(spark, 10, 1).withColumnRenamed("hobbies", "h")
                .withColumn("tier", org.apache.spark.sql.functions.lit("x"));
        SparkPredictor mapped = SparkPredictor.builder(profiles(server.baseUrl(), null))
                .inputColumn("hobbies", "h").build();
        assertThatThrownBy(() -> mapped.transform(clash)).hasMessageContaining("a column tier already")
                .hasMessageContaining("outputPrefix");
        assertThat(SparkPredictor.builder(profiles(server.baseUrl(), null)).inputColumn("hobbies", "h")
                .outputPrefix("out_").build().transform(clash).columns()).contains("out_tier", "tier", "h");
        assertThatThrownBy(() -> SparkPredictor.builder(profiles(server.baseUrl(), null))
                .inputColumn("hobby", "h").build().transform(clash)).hasMessageContaining("names no input");
    }

    @Test
    void aValueOfTheWrongTypeFailsItsRowNamingTheColumn() {
        Members.serve(server);
        Dataset<Row> text = spark.createDataFrame(List.of(RowFactory.create("ann", "forty", List.of("chess"))),
                new StructType().add("name", DataTypes.StringType).add("age", DataTypes.StringType)
                        .add("hobbies", DataTypes.createArrayType(DataTypes.StringType)));
        Row row = SparkPredictor.builder(profiles(server.baseUrl(), null)).build().transform(text).first();
        assertThat((String) row.getAs("signet_error")).contains("The column age holds forty");
        assertThat((String) row.getAs("signet_error_kind")).isEqualTo("IllegalArgumentException");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void anExecutorsCallsKeepToItsRateLimitOverAllItsTasks() {
        List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        server.respondWith(request -> {
            arrivals.add(System.nanoTime());
            return Reply.fields("answer", "ok");
        });
        String url = server.baseUrl();
        SparkPredictor qa = SparkPredictor.builder(() -> QaPredictor.create(Signet.builder().languageModel(
                OpenAiLanguageModel.builder().apiKey("k").baseUrl(url).build()).build()).predictor())
                .callsPerSecond(20).build();
        List<String> questions = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "Question " + i).toList();

        qa.transform(spark.createDataset(questions, Encoders.STRING()).toDF("question").repartition(2))
                .write().format("noop").mode("overwrite").save();

        // two tasks at once, one limit: 30 calls at 20 a second are spaced 50 ms apart at least
        List<Long> sorted = arrivals.stream().sorted().toList();
        assertThat(sorted).hasSize(30);
        assertThat((sorted.get(29) - sorted.get(0)) / 1_000_000).isGreaterThanOrEqualTo(29 * 50 - 50);
    }

    @Test
    void executorsUseTheArtifactGivenByPath(@TempDir Path work) {
        server.respondWith(request -> Reply.fields("answer",
                request.messages().get(0).content().contains("Answer in French.") ? "Paris, en français" : "Paris"));
        String url = server.baseUrl();
        Path artifact = work.resolve("dev.signet.spark.Qa.json");
        Signet signet = Signet.builder().languageModel(OpenAiLanguageModel.builder().apiKey("k").baseUrl(url).build())
                .build();
        Predictor tuned = QaPredictor.create(signet).predictor();
        tuned.withPrompt(tuned.promptState().withInstructions("Answer in French.")).toArtifact(Map.of())
                .write(artifact);
        String path = artifact.toString();

        SparkPredictor qa = SparkPredictor.builder(() -> QaPredictor.create(Signet.builder().languageModel(
                OpenAiLanguageModel.builder().apiKey("k").baseUrl(url).build()).build()
                .withArtifact(dev.signet.artifact.PromptArtifact.read(Path.of(path)))).predictor()).build();
        Dataset<Row> questions = spark.createDataset(List.of("Capital of France?"), Encoders.STRING())
                .toDF("question");

        assertThat((String) qa.transform(questions).first().getAs("answer")).isEqualTo("Paris, en français");
    }

    /** A bean for a typed Dataset. */
    public static final class Question implements java.io.Serializable {
        private String question;

        public Question() {}

        Question(String question) {
            this.question = question;
        }

        public String getQuestion() {
            return question;
        }

        public void setQuestion(String question) {
            this.question = question;
        }
    }

    @Test
    void aTypedDatasetIsRunByItsColumns() {
        server.respondWith(request -> Reply.fields("answer", "42"));
        String url = server.baseUrl();
        SparkPredictor qa = SparkPredictor.builder(() -> QaPredictor.create(Signet.builder().languageModel(
                OpenAiLanguageModel.builder().apiKey("k").baseUrl(url).build()).build()).predictor()).build();
        Dataset<Question> questions = spark.createDataset(List.of(new Question("What?"), new Question("Why?")),
                Encoders.bean(Question.class));
        assertThat(qa.transform(questions).select("question", "answer").collectAsList())
                .extracting(Row::toString).containsExactlyInAnyOrder("[What?,42]", "[Why?,42]");
    }
}
