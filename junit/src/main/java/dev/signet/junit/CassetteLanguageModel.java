package dev.signet.junit;

import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link LanguageModel} over a {@link Cassette}: replaying, it answers each request with its recording and fails
 * with a {@link MissingRecordingError} (the closest recording and where it differs) on any other; recording, it
 * asks a live model and keeps what it answered, for {@link Cassette#save()}.
 */
public final class CassetteLanguageModel implements LanguageModel {
    private final Cassette cassette;
    private final LanguageModel live;

    private CassetteLanguageModel(Cassette cassette, LanguageModel live) {
        this.cassette = Objects.requireNonNull(cassette, "cassette");
        this.live = live;
    }

    /** @return a model that answers from the cassette only */
    public static CassetteLanguageModel replaying(Cassette cassette) {
        return new CassetteLanguageModel(cassette, null);
    }

    /** @return a model that asks {@code live} and records each answer in the cassette */
    public static CassetteLanguageModel recording(Cassette cassette, LanguageModel live) {
        return new CassetteLanguageModel(cassette, Objects.requireNonNull(live, "live"));
    }

    /** @return whether this model records (else it replays) */
    public boolean records() {
        return live != null;
    }

    @Override
    public CompletableFuture<Completion> complete(LmRequest request) {
        if (live != null) {
            return live.complete(request).thenApply(completion -> {
                cassette.add(request, completion);
                return completion;
            });
        }
        try {
            return CompletableFuture.completedFuture(replay(request));
        } catch (MissingRecordingError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Completion completeBlocking(LmRequest request) {
        if (live != null) {
            Completion completion = live.completeBlocking(request);
            cassette.add(request, completion);
            return completion;
        }
        return replay(request);
    }

    private Completion replay(LmRequest request) {
        Completion recorded = cassette.find(request);
        if (recorded == null) {
            throw new MissingRecordingError(message(request));
        }
        return recorded;
    }

    private String message(LmRequest request) {
        StringBuilder out = new StringBuilder("The cassette ").append(cassette.file()).append(" has no recording of "
                + "this request (").append(cassette.size()).append(" recorded). Re-record it with "
                + "-Dsignet.record=true against a real endpoint, or change the test back.");
        LmRequest closest = cassette.closest(request);
        if (closest == null) {
            return out.toString();
        }
        out.append("\nThe closest recording differs:");
        List<Message> a = closest.messages();
        List<Message> b = request.messages();
        if (!closest.options().equals(request.options())) {
            out.append("\n  options: recorded ").append(closest.options()).append(", asked ").append(request.options());
        }
        if (a.size() != b.size()) {
            out.append("\n  messages: recorded ").append(a.size()).append(", asked ").append(b.size());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                out.append("\n  message ").append(i + 1).append(" (").append(b.get(i).role().wireName())
                        .append("), first differing line:").append(firstDifference(a.get(i).content(),
                                b.get(i).content()));
            }
        }
        if (!Objects.equals(closest.responseFormat(), request.responseFormat())) {
            out.append("\n  response format: recorded ").append(closest.responseFormat() == null ? "none" : "one")
                    .append(", asked ").append(request.responseFormat() == null ? "none" : "one");
        }
        return out.toString();
    }

    private static String firstDifference(String recorded, String asked) {
        String[] a = recorded.split("\n", -1);
        String[] b = asked.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(no line)";
            String y = i < b.length ? b[i] : "(no line)";
            if (!x.equals(y)) {
                return "\n    line " + (i + 1) + "\n    - recorded: " + x + "\n    + asked:    " + y;
            }
        }
        return " (none: they differ in their line breaks)";
    }

    @Override
    public String id() {
        // the live model's when recording, so that a cache keys both modes alike
        return live != null ? live.id() : "cassette:" + cassette.file().getFileName();
    }

    @Override
    public Optional<String> defaultModel() {
        return live != null ? live.defaultModel() : Optional.empty();
    }
}
