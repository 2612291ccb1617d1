package io.tempguard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's hand-written JSON writer, checked by a real parser. */
class JsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void escapesEverythingAParserNeedsEscaped() throws Exception {
        String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f nul\u0000 esc\u001b del\u007f csi\u009b "
                + "ls\u2028 ps\u2029 é 日本 emoji\uD83D\uDE00 lone\uD800 lowlone\uDC00";
        String text = new Json().beginObject().field("s", nasty).endObject().toString();
        assertFalse(text.contains("\n") || text.contains("\r") || text.contains("\u0000"), text);
        JsonNode parsed = MAPPER.readTree(text);
        String back = parsed.get("s").asText();
        // Unpaired surrogates come back as themselves (escaped \\uD800); everything else exactly.
        assertEquals(nasty, back);
        assertTrue(text.contains("\\ud800") && text.contains("\\u2028") && text.contains("\\u009b"), text);
    }

    @Test
    void nestsObjectsArraysAndScalars() throws Exception {
        String text = new Json().beginObject()
                .field("n", 42L).field("neg", -1L).field("t", true).field("none", (String) null)
                .field("boxed", (Long) null)
                .stringArray("list", List.of("a", "b"))
                .name("rows").beginArray()
                .beginObject().field("x", 1L).endObject()
                .beginObject().endObject()
                .endArray()
                .name("empty").beginArray().endArray()
                .endObject().toString();
        assertEquals("{\"n\":42,\"neg\":-1,\"t\":true,\"none\":null,\"boxed\":null,\"list\":[\"a\",\"b\"],"
                + "\"rows\":[{\"x\":1},{}],\"empty\":[]}", text);
        MAPPER.readTree(text);
    }
}
