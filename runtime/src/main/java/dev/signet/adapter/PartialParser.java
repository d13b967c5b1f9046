package dev.signet.adapter;

import java.util.List;

/**
 * Reads a streamed reply as it arrives, for one signature: given each piece of text, it says which outputs
 * changed. An output is reported done only once its value is complete and parses to its type; until then a
 * {@code String} output is reported with its text so far (stripped, so that each partial is a prefix of the final
 * value), and a list with the elements complete so far. The adapter's own {@code parse} of the whole reply stays
 * the authority: a partial parser never fails, it only stays silent about what it can't read yet.
 *
 * <p>One parser reads one reply; not thread-safe (the pieces of a reply arrive one after another).
 */
public interface PartialParser {
    /** A parser that reports nothing until the reply is whole: the default for adapters that don't stream. */
    PartialParser SILENT = text -> List.of();

    /**
     * @param text the next piece of the reply
     * @return the outputs that changed with it, in the order the reply wrote them
     */
    List<Update> feed(String text);

    /**
     * One output's new value.
     *
     * @param field the output field's name
     * @param value its value so far (the growing text of a {@code String}, the complete elements of a list), or
     *     its final value when done
     * @param done whether the value is complete and parsed to the field's type
     */
    record Update(String field, Object value, boolean done) {}
}
