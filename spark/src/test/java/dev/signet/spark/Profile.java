package dev.signet.spark;

import dev.signet.annotation.InputField;
import dev.signet.annotation.Signature;
import java.util.List;
import java.util.Map;

/** Profile a member from their name, age and hobbies. */
@Signature
public interface Profile {
    /** A member's tier. */
    enum Tier { GOLD, SILVER, BRONZE }

    /** Where a member lives. */
    record Home(String city, int zip) {}

    /** The profile: every output a column of its own. */
    record Card(Tier tier, List<String> tags, Home home, int score, double ratio, boolean active,
            Map<String, Integer> counts) {}

    Card card(@InputField(desc = "the member's name") String name, @InputField(desc = "their age") int age,
            @InputField(desc = "what they like") List<String> hobbies);
}
