package dev.signet.batch;

import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Score;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted replies the batch tests share, live and batched alike: the double of the number asked, wrong for
 * every fourth, rejected (HTTP 400) for multiples of 97, unparsable for multiples of 89.
 */
final class BatchFixture {
    private static final Pattern NUMBER = Pattern.compile("double of (\\d+)");

    private BatchFixture() {}

    static void serve(LoopbackOpenAiServer server) {
        server.respondWith(request -> {
            Matcher matcher = NUMBER.matcher(request.body()); // the question, in a first call and in its repairs alike
            if (!matcher.find()) {
                return Reply.error(400, "no number in the question");
            }
            int n = Integer.parseInt(matcher.group(1));
            if (n % 97 == 0) {
                return Reply.error(400, "rejected: " + n);
            }
            if (n % 89 == 0) {
                return Reply.text("I would rather not say.");
            }
            boolean json = request.json().has("response_format");
            String answer = Integer.toString(n % 4 == 3 ? 2 * n + 1 : 2 * n);
            return json ? Reply.text("{\"doubled\": " + answer + "}").withUsage(40, 5)
                    : Reply.fields("doubled", answer).withUsage(40, 5);
        });
    }

    static List<Example> examples(int count) {
        List<Example> examples = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            examples.add(new Example(Map.of("question", "What is the double of " + i + "?"), Map.of("doubled", 2 * i)));
        }
        return examples;
    }

    static Metric metric() {
        return (example, prediction) -> Score.of(
                example.<Integer>label("doubled") == ((Number) prediction.output()).intValue() ? 1 : 0);
    }
}
