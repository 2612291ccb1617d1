package io.tempguard.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link TerminalText}: the escapes of GNU {@code ls -b} (coreutils 9.1), spaces kept. */
class TerminalTextTest {

    @Test
    void escapesControlCharactersAndBackslashesAsLsDashB() {
        // ls -b prints this name as: a\ b\nc\033d\\e\tf\177g\001h\302\233i (we keep the space)
        assertEquals("a b\\nc\\033d\\\\e\\tf\\177g\\001h\\302\\233i",
                TerminalText.escape("a b\nc\u001bd\\e\tf\u007fg\u0001h\u009bi"));
        assertEquals("\\a\\b\\v\\f\\r\\000\\037", TerminalText.escape("\u0007\b\u000b\f\r\u0000\u001f"));
    }

    @Test
    void leavesPrintableTextAsItIs() {
        String plain = "/tmp/host-123.bin é 日本 \uD83D\uDE00";
        assertSame(plain, TerminalText.escape(plain));
    }
}
