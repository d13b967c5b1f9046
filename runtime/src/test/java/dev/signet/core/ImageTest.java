package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.eval.Dataset;
import dev.signet.eval.DatasetException;
import dev.signet.eval.Example;
import dev.signet.lm.Message;
import dev.signet.lm.Message.ImagePart;
import dev.signet.lm.Message.TextPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images as input fields: the value, DSPy's custom-type block in the prompt, the parts a provider sends, datasets. */
class ImageTest {
    private static final String URL = "https://example.com/cat.png";
    private static final String BLOCK = "<<CUSTOM-TYPE-START-IDENTIFIER>>[{\"type\": \"image_url\", \"image_url\": "
            + "{\"url\": \"https://example.com/cat.png\"}}]<<CUSTOM-TYPE-END-IDENTIFIER>>";
    private static final SignatureDescription CAPTION = SignatureDescription.builder("com.example.Caption")
            .instructions("Caption the photo.")
            .input("photo", "the photo", FieldType.IMAGE)
            .input("style", "", FieldType.STRING)
            .output("caption", "", FieldType.STRING)
            .build();

    /** Previews call no model. */
    private static final Signet OFFLINE = Signet.builder().languageModel(request -> {
        throw new AssertionError("a preview calls no model");
    }).build();

    @TempDir
    Path dir;

    @Test
    void anImageIsAUrlADataUriOrAFileAndNeverShowsItsBytes() throws Exception {
        assertThat(Image.fromUrl(URL).url()).isEqualTo(URL);
        assertThat(Image.fromUrl("gs://bucket/a.jpg").isData()).isFalse();
        Image bytes = Image.fromBytes(new byte[] {1, 2, 3}, "image/png");
        assertThat(bytes.url()).isEqualTo("data:image/png;base64,AQID");
        assertThat(bytes).hasToString("Image[data:image/png;base64, 4 chars]");

        Path png = dir.resolve("pixel.PNG");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(Image.fromPath(png).url()).isEqualTo("data:image/png;base64,"
                + Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));

        assertThatThrownBy(() -> Image.fromUrl("/home/me/cat.png")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Image.fromPath");
        assertThatThrownBy(() -> Image.fromUrl("ftp://example.com/a.png")).hasMessageContaining("https:");
        assertThatThrownBy(() -> Image.fromUrl("data:nothing")).hasMessageContaining("data:<media type>");
        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> Image.fromPath(text)).hasMessageContaining("media type of " + text);
        assertThatThrownBy(() -> Image.fromPath(dir.resolve("gone.png"))).hasMessageContaining("No image file at");
    }

    @Test
    void thePromptCarriesDspysCustomTypeBlockWhichAProviderSplitsIntoParts() {
        Image image = Image.fromUrl(URL);
        assertThat(image.block()).isEqualTo(BLOCK);
        assertThat(Image.fromBlock(BLOCK)).contains(image);
        assertThat(Image.fromBlock("[[ ## photo ## ]]")).isEmpty();

        List<Message> messages = TypedPredictor.create(OFFLINE, CAPTION, o -> o.get("caption"))
                .preview(Map.of("photo", image, "style", "short"));
        assertThat(messages.get(0).content()).contains("1. `photo` (Image): the photo\n2. `style` (str)");
        String user = messages.get(1).content();
        assertThat(user).isEqualTo("[[ ## photo ## ]]\n" + BLOCK + "\n\n[[ ## style ## ]]\nshort\n\n"
                + "Respond with the corresponding output fields, starting with the field `[[ ## caption ## ]]`, and "
                + "then ending with the marker for `[[ ## completed ## ]]`.");
        assertThat(messages.get(1).hasMedia()).isTrue();
        assertThat(messages.get(1).parts()).containsExactly(new TextPart("[[ ## photo ## ]]\n"), new ImagePart(image),
                new TextPart(user.substring(user.indexOf("\n\n[[ ## style"))));
        assertThat(messages.get(0).hasMedia()).isFalse();
        assertThat(messages.get(0).parts()).containsExactly(new TextPart(messages.get(0).content()));
    }

    @Test
    void aBlockThatHoldsNoImageStaysTextAndSeveralImagesSplitInOrder() {
        Image a = Image.fromUrl("https://example.com/a.png");
        Image b = Image.fromBytes(new byte[] {9}, "image/gif");
        Message two = Message.user("A " + a.block() + " B " + b.block());
        assertThat(two.parts()).containsExactly(new TextPart("A "), new ImagePart(a), new TextPart(" B "),
                new ImagePart(b));
        String odd = Image.START + "[{\"type\": \"file\"}]" + Image.END;
        assertThat(Message.user("x " + odd).parts()).containsExactly(new TextPart("x " + odd));
        assertThat(Message.assistant(a.block()).parts()).containsExactly(new TextPart(a.block()));
    }

    @Test
    void aDatasetGivesImagesAsUrlsOrPathsRelativeToItAndNamesTheLineOfAMissingOne() throws Exception {
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/dog.jpg"), new byte[] {1});
        Path data = Files.writeString(dir.resolve("captions.jsonl"),
                "{\"photo\": \"" + URL + "\", \"style\": \"short\", \"caption\": \"a cat\"}\n"
                        + "{\"photo\": \"img/dog.jpg\", \"style\": \"long\", \"caption\": \"a dog\"}\n"
                        + "{\"photo\": {\"url\": \"data:image/gif;base64,CQ==\"}, \"style\": \"x\", \"caption\": \"y\"}\n");
        List<Example> examples = Dataset.loadJsonl(data, CAPTION);
        assertThat(examples.get(0).inputs().get("photo")).isEqualTo(Image.fromUrl(URL));
        assertThat(examples.get(1).inputs().get("photo")).isEqualTo(Image.fromBytes(new byte[] {1}, "image/jpeg"));
        assertThat(examples.get(2).inputs().get("photo")).isEqualTo(Image.fromBytes(new byte[] {9}, "image/gif"));

        // saved as DSPy saves a dspy.Image (its block), read back the same
        Path saved = dir.resolve("saved.jsonl");
        Dataset.saveJsonl(saved, examples, CAPTION);
        assertThat(Files.readString(saved)).contains(BLOCK.replace("\"", "\\\""));
        assertThat(Dataset.loadJsonl(saved, CAPTION)).isEqualTo(examples);

        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"photo\": \"" + URL + "\", \"style\": \"s\", "
                + "\"caption\": \"c\"}\n{\"photo\": \"img/missing.png\", \"style\": \"s\", \"caption\": \"c\"}\n");
        assertThatThrownBy(() -> Dataset.loadJsonl(bad, CAPTION)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("bad.jsonl:2: field `photo`")
                .hasMessageContaining("No image file at " + dir.resolve("img/missing.png").toAbsolutePath());
    }

    @Test
    void anOptionalImageIsNoneWhenAbsent() {
        SignatureDescription maybe = SignatureDescription.builder("com.example.Maybe")
                .input("photo", "", FieldType.optionalOf(FieldType.IMAGE)).output("caption", "", FieldType.STRING)
                .build();
        TypedPredictor<Object> predictor = TypedPredictor.create(OFFLINE, maybe, o -> o.get("caption"));
        assertThat(predictor.preview(Map.of("photo", Optional.empty())).get(1).content())
                .startsWith("[[ ## photo ## ]]\nNone\n");
        assertThat(predictor.preview(Map.of("photo", Optional.of(Image.fromUrl(URL)))).get(1).hasMedia()).isTrue();
    }

    @Test
    void aDemoWithAnImageShipsInTheArtifactAsDspySavesItAndRendersTheSame() {
        Image image = Image.fromUrl(URL);
        PromptState tuned = new PromptState("Caption the photo.", List.of(Map.of("photo", image, "style", "short",
                "caption", "a cat on a mat")));
        TypedPredictor<Object> optimized = TypedPredictor.create(OFFLINE.withPrompt("com.example.Caption", tuned),
                CAPTION, o -> o.get("caption"));
        dev.signet.artifact.PromptArtifact artifact = optimized.toArtifact(Map.of());
        assertThat(artifact.toJson()).contains(BLOCK.replace("\"", "\\\""));
        assertThat(artifact.template().get(3).content()).startsWith("[[ ## photo ## ]]\n{{photo}}\n");
        artifact.write(dir.resolve("com.example.Caption.json"));

        TypedPredictor<Object> shipped = TypedPredictor.create(OFFLINE.withArtifactsFrom(dir), CAPTION,
                o -> o.get("caption"));
        Map<String, Object> inputs = Map.of("photo", Image.fromUrl("https://example.com/dog.png"), "style", "long");
        assertThat(shipped.preview(inputs)).isEqualTo(optimized.preview(inputs));
        assertThat(shipped.preview(inputs).get(1).parts()).contains(new ImagePart(image));
    }

    @Test
    void aFileIsDspysFileBlockASeparatePartAndADatasetPath() throws Exception {
        Path pdf = Files.write(dir.resolve("brief.pdf"), new byte[] {'%', 'P', 'D', 'F'});
        FileInput file = FileInput.fromPath(pdf);
        assertThat(file.mediaType()).contains("application/pdf");
        assertThat(file.filename()).contains("brief.pdf");
        assertThat(file.block()).isEqualTo("<<CUSTOM-TYPE-START-IDENTIFIER>>[{\"type\": \"file\", \"file\": "
                + "{\"file_data\": \"data:application/pdf;base64,JVBERg==\", \"filename\": \"brief.pdf\"}}]"
                + "<<CUSTOM-TYPE-END-IDENTIFIER>>");
        assertThat(FileInput.fromBlock(file.block())).contains(file);
        assertThat(FileInput.fromFileId("file-abc").block()).isEqualTo("<<CUSTOM-TYPE-START-IDENTIFIER>>[{\"type\": "
                + "\"file\", \"file\": {\"file_id\": \"file-abc\"}}]<<CUSTOM-TYPE-END-IDENTIFIER>>");
        assertThat(file).hasToString("FileInput[brief.pdf, application/pdf, 8 chars]");

        Image image = Image.fromUrl(URL);
        Message both = Message.user("a " + image.block() + " b " + file.block());
        assertThat(both.parts()).containsExactly(new TextPart("a "), new ImagePart(image), new TextPart(" b "),
                new Message.FilePart(file));

        SignatureDescription summarize = SignatureDescription.builder("com.example.Summarize")
                .input("brief", "", FieldType.FILE).output("summary", "", FieldType.STRING).build();
        assertThat(TypedPredictor.create(OFFLINE, summarize, o -> o.get("summary")).preview(Map.of("brief", file))
                .get(0).content()).contains("1. `brief` (File)");
        Path data = Files.writeString(dir.resolve("briefs.jsonl"), "{\"brief\": \"brief.pdf\", \"summary\": \"s\"}\n"
                + "{\"brief\": {\"file_id\": \"file-abc\"}, \"summary\": \"t\"}\n");
        List<Example> examples = Dataset.loadJsonl(data, summarize);
        assertThat(examples.get(0).inputs().get("brief")).isEqualTo(file);
        assertThat(examples.get(1).inputs().get("brief")).isEqualTo(FileInput.fromFileId("file-abc"));
        Path bad = Files.writeString(dir.resolve("bad-briefs.jsonl"), "{\"brief\": \"gone.pdf\", \"summary\": \"s\"}\n");
        assertThatThrownBy(() -> Dataset.loadJsonl(bad, summarize)).hasMessageContaining("bad-briefs.jsonl:1: field "
                + "`brief`: No file at");
    }
}
