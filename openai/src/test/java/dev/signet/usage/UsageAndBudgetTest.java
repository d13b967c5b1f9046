package dev.signet.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Usage;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import dev.signet.usage.UsageMeter.Price;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageAndBudgetTest {
    private static final SignatureDescription QA = SignatureDescription.builder("com.example.QA")
            .input("question", "", FieldType.STRING).output("answer", "", FieldType.STRING).build();
    private static final SignatureDescription SUMMARY = SignatureDescription.builder("com.example.Summary")
            .input("text", "", FieldType.STRING).output("summary", "", FieldType.STRING).build();

    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start();
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("gpt-test").build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    @Test
    void theMeterAddsUpWhatTheServerReportedPerPredictorAndModelAndPricesIt() {
        server.respondWith(request -> request.lastUserMessage().contains("question")
                ? Reply.fields("answer", "a").withUsage(100, 10)
                : Reply.fields("summary", "s").withUsage(1000, 50));
        UsageMeter meter = new UsageMeter(Map.of("gpt-test", Price.perMillion("0.15", "0.60")));
        Signet metered = Signet.builder().languageModel(lm).build().withListener(meter);

        for (int i = 0; i < 3; i++) {
            TypedPredictor.create(metered, QA, o -> ((String) o.get("answer"))).call(Map.of("question", "q" + i));
        }
        TypedPredictor.create(metered, SUMMARY, o -> ((String) o.get("summary"))).call(Map.of("text", "t"));

        assertThat(meter.calls()).isEqualTo(4);
        assertThat(meter.total()).isEqualTo(new Usage(1300, 80, 1380));
        assertThat(meter.byPredictor()).containsEntry("com.example.QA", new Usage(300, 30, 330))
                .containsEntry("com.example.Summary", new Usage(1000, 50, 1050));
        assertThat(meter.byModel()).containsOnlyKeys("gpt-test");
        // 1300 * 0.15 / 1e6 + 80 * 0.60 / 1e6
        assertThat(meter.cost()).isEqualByComparingTo(new BigDecimal("0.000243"));
    }

    @Test
    void aCallBudgetStopsBeforeTheLimitAndSendsNothingMore() {
        server.respondWith(request -> Reply.fields("answer", "a"));
        Budget budget = Budget.unlimited().maxCalls(5);
        TypedPredictor<String> qa = TypedPredictor.create(Signet.builder().languageModel(lm).interceptor(budget).build(), QA,
                o -> ((String) o.get("answer")));

        for (int i = 0; i < 5; i++) {
            qa.call(Map.of("question", "q" + i));
        }
        assertThatThrownBy(() -> qa.call(Map.of("question", "one more")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("The budget of 5 calls is used up; no call was sent.");
        assertThat(server.requestCount()).isEqualTo(5);
        assertThat(budget.calls()).isEqualTo(5);
    }

    @Test
    void tokenAndCostBudgetsRefuseCallsOnceUsedUp() {
        server.respondWith(request -> Reply.fields("answer", "a").withUsage(8, 2));
        Budget tokens = Budget.unlimited().maxTokens(25);
        TypedPredictor<String> qa = TypedPredictor.create(Signet.builder().languageModel(lm).interceptor(tokens).build(), QA,
                o -> ((String) o.get("answer")));
        for (int i = 0; i < 3; i++) {
            qa.callAsync(Map.of("question", "q" + i)).join();
        }
        assertThatThrownBy(() -> qa.call(Map.of("question", "q")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("25 tokens is used up (30 used)");
        assertThat(tokens.used()).isEqualTo(new Usage(24, 6, 30));

        Budget money = Budget.unlimited().maxCost(new BigDecimal("0.000004"), Price.perMillion("0.2", "1.0"));
        TypedPredictor<String> paid = TypedPredictor.create(Signet.builder().languageModel(lm).interceptor(money).build(), QA,
                o -> ((String) o.get("answer")));
        paid.call(Map.of("question", "q")); // 8 * 0.2 + 2 * 1.0 = 3.6 per million
        paid.call(Map.of("question", "q2"));
        assertThatThrownBy(() -> paid.call(Map.of("question", "q3")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("The budget of 0.000004 is used up (0.0000072 spent); no call was sent.");
    }
}
