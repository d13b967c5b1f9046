package dev.signet.samples.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sample runs in local mode against its scripted model and prints the triaged tickets. */
class TriageTicketsTest {
    @Test
    void triagesTheBuiltInTicketsInLocalMode() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            TriageTickets.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        out.print(text);
        assertTrue(text.matches("(?s).*\\|\\s*BILLING\\s*\\|\\s*3\\s*\\|\\s*Billing request.*"), text);
        assertTrue(text.matches("(?s).*URGENT: checkout fails.*\\|\\s*BUG\\s*\\|\\s*5\\s*\\|.*"), text);
        assertTrue(text.matches("(?s).*\\|\\s*ACCOUNT\\|\\s*1\\|.*"), text);
        assertTrue(text.matches("(?s).*\\|\\s*BILLING\\|\\s*2\\|.*"), text);
    }
}
