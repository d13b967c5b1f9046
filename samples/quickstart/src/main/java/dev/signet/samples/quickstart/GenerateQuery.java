package dev.signet.samples.quickstart;

import dev.signet.annotation.Signature;

@Signature("Write a short web search query that would find the answer to the question.")
public interface GenerateQuery {
    String query(String question);
}
