package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import dev.signet.conformance.CorpusTypes.GlossaryEntry;
import java.util.List;

/** The twin of the corpus signature {@code TranslateWithGlossary}. */
@Signature("Translate the text. Use the glossary's target term for every source term it lists.")
public interface TranslateWithGlossary {
    Result run(@InputField String source_text,
            @InputField(desc = "a BCP 47 tag, e.g. de-CH") String target_language,
            @InputField(desc = "terms with fixed translations") List<GlossaryEntry> glossary);

    /** The outputs. */
    record Result(
            @OutputField String translation,
            @OutputField(desc = "words kept in the source language") List<String> untranslated) {}
}
