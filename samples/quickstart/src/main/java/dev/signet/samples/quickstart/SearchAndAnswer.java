package dev.signet.samples.quickstart;

import dev.signet.Module;
import dev.signet.Signet;
import java.util.List;
import java.util.function.Function;

/**
 * A two-stage program: generate a search query, look it up in plain Java, answer from what came back. The
 * README's "Modules and programs" section shows this code; a test keeps the two the same.
 */
public final class SearchAndAnswer {
    // readme:program
    private final GenerateQuery generateQuery;
    private final AnswerFromContext answer;
    private final Function<String, List<String>> search;

    public SearchAndAnswer(Signet signet, Function<String, List<String>> search) {
        this.generateQuery = GenerateQueryPredictor.create(signet);
        this.answer = AnswerFromContextPredictor.create(signet, Module.chainOfThought());
        this.search = search;
    }

    public String run(String question) {
        String query = generateQuery.query(question);
        List<String> context = search.apply(query);
        return answer.answer(question, context);
    }
    // readme:end
}
