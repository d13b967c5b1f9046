package dev.signet.spark;

import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The members the Spark tests profile, and the loopback server's scripted profile of each: rejected (HTTP 400)
 * when the age is a multiple of 50, unparsable when it is a multiple of 77, else a card computed from the inputs.
 */
final class Members {
    private static final Pattern FIELD = Pattern.compile("\\[\\[ ## (\\w+) ## \\]\\]\\n(.*?)(?=\\n\\n|\\z)",
            Pattern.DOTALL);

    static final StructType SCHEMA = new StructType()
            .add("name", DataTypes.StringType)
            .add("age", DataTypes.IntegerType)
            .add("hobbies", DataTypes.createArrayType(DataTypes.StringType));

    private Members() {}

    static String name(int i) {
        return "member-" + i;
    }

    static int age(int i) {
        return 1 + i % 97;
    }

    static List<String> hobbies(int i) {
        return i % 3 == 0 ? List.of() : List.of("h" + i % 5, "h" + i % 7);
    }

    static Dataset<Row> dataset(SparkSession spark, int count, int partitions) {
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create(name(i), age(i), hobbies(i)));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    }

    /** The fields of the request's last user message, by name. */
    static Map<String, String> fields(String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(message);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2).strip());
        }
        return fields;
    }

    /** The tier the server gives an age. */
    static Profile.Tier tier(int age) {
        return Profile.Tier.values()[age % 3];
    }

    static void serve(LoopbackOpenAiServer server) {
        server.respondWith(request -> {
            // the first user message holds the inputs, in a first call and in its parse repair alike
            Map<String, String> in = fields(request.messages().stream().filter(m -> m.role().equals("user"))
                    .findFirst().orElseThrow().content());
            if (!in.containsKey("age") || !in.containsKey("name") || !in.containsKey("hobbies")) {
                return Reply.error(418, "the test's responder could not read " + request.lastUserMessage());
            }
            int age = Integer.parseInt(in.get("age"));
            if (age % 50 == 0) {
                return Reply.error(400, "rejected: age " + age);
            }
            if (age % 77 == 0) {
                return Reply.text("No profile today.");
            }
            String name = in.get("name");
            return Reply.fields(
                    "tier", tier(age).name(),
                    "tags", in.get("hobbies"),
                    "home", "{\"city\": \"" + name.toUpperCase(java.util.Locale.ROOT) + "\", \"zip\": " + (1000 + age)
                            + "}",
                    "score", Integer.toString(age * 2),
                    "ratio", Double.toString(age / 4.0),
                    "active", Boolean.toString(age % 2 == 0),
                    "counts", "{\"age\": " + age + ", \"len\": " + name.length() + "}")
                    .withUsage(30, 12);
        });
    }
}
