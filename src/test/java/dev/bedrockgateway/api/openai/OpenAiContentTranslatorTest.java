package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.DocumentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.DataUrls;
import dev.bedrockgateway.media.ImageSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI message content (text, image_url and file parts) to Converse blocks: refusals, formats and names. */
class OpenAiContentTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Data URLs decoded, remote URLs refused, as the gateway's default configuration does. */
    private static final ImageSource IMAGES = (url, field) -> {
        if (DataUrls.isDataUrl(url)) {
            return DataUrls.image(url, field);
        }
        throw GatewayException.invalid(field, field + ": remote images are not fetched");
    };

    private static List<Message> translate(String body) {
        return OpenAiRequestTranslator.toChatRequest(JSON.readValue(body, OpenAiChatRequest.class), IMAGES, JSON)
                .messages();
    }

    /** A request whose only user message holds the given parts. */
    private static String userParts(String parts) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[" + parts + "]}]}";
    }

    private static String filePart(String fileJson) {
        return userParts("{\"type\":\"text\",\"text\":\"read this\"},{\"type\":\"file\",\"file\":" + fileJson + "}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            image of type pdf             | {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"data:application/pdf;base64,JVBERi0="}}]}]} | messages[0].content[1].image_url.url | messages[0].content[1].image_url.url has media type 'application/pdf'; Bedrock takes image/png, image/jpeg, image/gif or image/webp
            image of type svg             | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/svg+xml;base64,PHN2Zz4="}}]}]} | messages[0].content[0].image_url.url | messages[0].content[0].image_url.url has media type 'image/svg+xml'; Bedrock takes image/png, image/jpeg, image/gif or image/webp
            image with bad base64         | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KG"}}]}]} | messages[0].content[0].image_url.url | messages[0].content[0].image_url.url does not hold valid base64 data
            image data URL not base64     | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]}]} | messages[0].content[0].image_url.url | messages[0].content[0].image_url.url must be a base64 data URL such as data:image/png;base64,...
            image url missing             | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]} | messages[0].content[0].image_url.url | messages[0].content[0].image_url.url must be a string
            image_url a bare string       | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":"data:image/png;base64,AA=="}]}]} | messages[0].content[0].image_url.url | messages[0].content[0].image_url.url must be a string
            file_id part                  | {"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-abc123"}}]}]} | messages[0].content[0].file.file_id | messages[0].content[0].file.file_id is not supported: this gateway has no file store; send the file inline as file_data
            file_data a remote URL        | {"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_data":"https://example.com/q3.pdf"}}]}]} | messages[0].content[0].file.file_data | messages[0].content[0].file.file_data must be a base64 data URL such as data:application/pdf;base64,...
            file_data raw base64          | {"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_data":"JVBERi0="}}]}]} | messages[0].content[0].file.file_data | messages[0].content[0].file.file_data must be a base64 data URL such as data:application/pdf;base64,...
            file of type zip              | {"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_data":"data:application/zip;base64,UEsDBA=="}}]}]} | messages[0].content[0].file.file_data | messages[0].content[0].file.file_data has media type 'application/zip', which Bedrock cannot read as a document
            file with bad base64          | {"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0xL"}}]}]} | messages[0].content[0].file.file_data | messages[0].content[0].file.file_data does not hold valid base64 data
            file_data missing             | {"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"filename":"a.pdf"}}]}]} | messages[0].content[0].file.file_data | messages[0].content[0].file.file_data must be a string
            user part input_audio         | {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AA==","format":"wav"}}]}]} | messages[0].content[0].type | messages[0].content[0].type 'input_audio' is not supported; use text, image_url or file
            user part refusal             | {"model":"m","messages":[{"role":"user","content":[{"type":"refusal","refusal":"no"}]}]} | messages[0].content[0].type | messages[0].content[0].type 'refusal' is not supported; use text, image_url or file
            user part without type        | {"model":"m","messages":[{"role":"user","content":[{"image_url":{"url":"data:image/png;base64,AA=="}}]}]} | messages[0].content[0].type | messages[0].content[0] needs a type, e.g. {"type":"text","text":"..."}
            system part image_url         | {"model":"m","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]},{"role":"user","content":"hi"}]} | messages[0].content[0].type | messages[0].content[0].type 'image_url' is not supported here; use text
            developer part file           | {"model":"m","messages":[{"role":"developer","content":[{"type":"file","file":{}}]},{"role":"user","content":"hi"}]} | messages[0].content[0].type | messages[0].content[0].type 'file' is not supported here; use text
            assistant part image_url      | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]}]} | messages[1].content[0].type | messages[1].content[0].type 'image_url' is not supported here; use text
            assistant refusal not text    | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"refusal","refusal":7}]}]} | messages[1].content[0].refusal | messages[1].content[0].refusal must be a string
            """)
    void toChatRequestWhenContentCannotBeExpressedThenRefusesTheParamWithAMessageSayingWhatToFix(
            String name, String body, String param, String message) {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> translate(body));

        assertThat(error).as(name).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            URL-safe alphabet   | data:application/pdf;base64,JVBERi0xLjQK-_-_
            percent-encoded     | data:application/pdf;base64,JVBERi0xLjQK%3D%3D
            nothing but garbage | data:application/pdf;base64,%%%%
            """)
    void toChatRequestWhenFileDataHasCharactersOutsideBase64ThenRefusesInsteadOfSilentlyDroppingThem(
            String name, String dataUrl) {
        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> translate(filePart("{\"file_data\":\"" + dataUrl + "\"}")));

        assertThat(error).as(name).isNotNull();
        assertThat(error.param()).isEqualTo("messages[0].content[1].file.file_data");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            application/pdf, pdf
            text/csv, csv
            text/plain, txt
            text/markdown, md
            text/html, html
            application/msword, doc
            application/vnd.openxmlformats-officedocument.wordprocessingml.document, docx
            application/vnd.ms-excel, xls
            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, xlsx
            """)
    void toChatRequestWhenAFileHasADocumentMediaTypeThenItBecomesADocumentOfThatFormat(
            String mediaType, String format) {
        byte[] bytes = "name,total\nQ3,42\n".getBytes(StandardCharsets.UTF_8);
        String dataUrl = "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);

        List<ContentBlock> content = translate(
                        filePart("{\"file_data\":\"" + dataUrl + "\",\"filename\":\"totals.x\"}"))
                .get(0)
                .content();

        assertThat(content).hasSize(2);
        DocumentBlock document = content.get(1).document();
        assertThat(document.format()).isEqualTo(format);
        assertThat(document.name()).isEqualTo("totals");
        assertThat(document.source().bytes()).isEqualTo(bytes);
    }

    @Test
    void toChatRequestWhenBase64DataIsWrappedOnSeveralLinesThenItIsDecodedWhole() {
        byte[] bytes = new byte[200];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        String wrapped = Base64.getMimeEncoder().encodeToString(bytes).replace("\r\n", "\\n");

        List<ContentBlock> content = translate(
                        filePart("{\"file_data\":\"data:application/pdf;base64," + wrapped + "\"}"))
                .get(0)
                .content();

        assertThat(wrapped).contains("\\n");
        assertThat(content.get(1).document().source().bytes()).isEqualTo(bytes);
        assertThat(content.get(1).document().name()).isEqualTo("document");
    }

    @Test
    void toChatRequestWhenAnImageDataUrlIsSentThenTheImageCarriesItsFormatAndExactBytes() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);

        List<ContentBlock> content = translate(
                        userParts("{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/gif;base64,"
                                + Base64.getEncoder().encodeToString(gif) + "\"}}"))
                .get(0)
                .content();

        assertThat(content).singleElement().satisfies(block -> {
            assertThat(block.image().format()).isEqualTo("gif");
            assertThat(block.image().source().bytes()).isEqualTo(gif);
        });
    }

    @Test
    void toChatRequestWhenAnAssistantSentARefusalThenItGoesBackAsText() {
        List<Message> messages = translate("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\",\"refusal\":\"I can't help with that.\"}]},"
                + "{\"role\":\"user\",\"content\":\"ok\"}]}");

        assertThat(messages.get(1).content()).containsExactly(ContentBlock.text("I can't help with that."));
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Q3 report.pdf                  | Q3 report
            budget_2025 (final) [v2].xlsx  | budget-2025 (final) [v2]
            notes.v1.md                    | notes-v1
            `  spaced    out  .txt`        | spaced out
            README                         | README
            .env                           | -env
            résumé.docx                    | r-sum-
            ***.pdf                        | ---
            `.`                            | -
            `   .pdf`                      | document
            """)
    void documentNameWhenTheFilenameHasCharactersBedrockRefusesThenTheyBecomeHyphensAndTheExtensionGoes(
            String filename, String expected) {
        String name = OpenAiContentTranslator.documentName(filename);

        assertThat(name).isEqualTo(expected);
        assertThat(name).matches("[a-zA-Z0-9()\\[\\] -]{1,200}").doesNotContain("  ");
    }

    @Test
    void documentNameWhenTheFilenameIsLongerThan200CharactersThenItIsCutTo200() {
        assertThat(OpenAiContentTranslator.documentName("a".repeat(250) + ".pdf"))
                .isEqualTo("a".repeat(200));
    }
}
