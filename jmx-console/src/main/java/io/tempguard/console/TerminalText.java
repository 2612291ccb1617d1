package io.tempguard.console;

import java.nio.charset.StandardCharsets;

/**
 * Text from elsewhere (path names, a JVM's main class, reasons quoting paths) made safe to print on
 * a terminal, the way {@code ls -b} does: a file name may hold any byte but '/' and NUL, and an ESC
 * or a newline in it would let whoever named the file move the cursor, rewrite the screen or forge
 * lines of the console's output. Control characters become C escapes ({@code \n}, {@code \t}, ...)
 * or three octal digits ({@code \033}); C1 controls (U+0080..U+009F, which some terminals obey as
 * well) become the octal of their UTF-8 bytes ({@code \302\233}); a backslash becomes {@code \\}, so
 * the escaped text reads back unambiguously. Unlike {@code ls -b}, a space stays a space: it cannot
 * be mistaken for anything, and the paths are printed last on their line. JSON output is escaped
 * per JSON rules instead ({@link Json}).
 */
final class TerminalText {

    static String escape(String text) {
        if (text == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escapeOf(c);
            if (escaped == null) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            out.append(escaped);
        }
        return out == null ? text : out.toString();
    }

    /** The escape for {@code c}, or null when it prints as itself. */
    private static String escapeOf(char c) {
        switch (c) {
            case '\\': return "\\\\";
            case '\u0007': return "\\a";
            case '\b': return "\\b";
            case '\t': return "\\t";
            case '\n': return "\\n";
            case '\u000b': return "\\v";
            case '\f': return "\\f";
            case '\r': return "\\r";
            default:
                if (c < 0x20 || c == 0x7f) return octal(c);
                if (c >= 0x80 && c <= 0x9f) {
                    StringBuilder bytes = new StringBuilder(8);
                    for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) bytes.append(octal(b & 0xff));
                    return bytes.toString();
                }
                return null;
        }
    }

    private static String octal(int b) {
        String digits = Integer.toOctalString(b);
        return "\\" + "000".substring(digits.length()) + digits;
    }

    private TerminalText() {
    }
}
