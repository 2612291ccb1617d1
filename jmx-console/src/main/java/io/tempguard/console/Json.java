package io.tempguard.console;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny streaming JSON writer producing one compact line. Only what the console needs: objects,
 * arrays, strings, integers, booleans and null. Strings are escaped per RFC 8259, with control
 * characters (C0, DEL and C1, which a terminal showing the output would obey),
 * U+2028/U+2029 and unpaired surrogates written as {@code \}{@code uXXXX}.
 */
final class Json {
    private final StringBuilder out = new StringBuilder(256);
    /** One entry per open container: whether a value has been written in it yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    Json beginObject() {
        separate();
        out.append('{');
        open.push(new boolean[1]);
        return this;
    }

    Json endObject() {
        open.pop();
        out.append('}');
        return this;
    }

    Json beginArray() {
        separate();
        out.append('[');
        open.push(new boolean[1]);
        return this;
    }

    Json endArray() {
        open.pop();
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    Json name(String name) {
        separate();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    Json value(String value) {
        separate();
        if (value == null) out.append("null");
        else quote(value);
        return this;
    }

    Json value(long value) {
        separate();
        out.append(value);
        return this;
    }

    Json value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    Json nullValue() {
        separate();
        out.append("null");
        return this;
    }

    Json field(String name, String value) { return name(name).value(value); }

    Json field(String name, long value) { return name(name).value(value); }

    Json field(String name, boolean value) { return name(name).value(value); }

    /** A number or null. */
    Json field(String name, Long value) {
        name(name);
        return value == null ? nullValue() : value(value.longValue());
    }

    Json stringArray(String name, Iterable<String> values) {
        name(name).beginArray();
        for (String v : values) value(v);
        return endArray();
    }

    /** The document written so far (complete once every container is closed). */
    @Override
    public String toString() {
        if (!open.isEmpty()) throw new IllegalStateException("unclosed JSON container");
        return out.toString();
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] written = open.peek();
        if (written != null) {
            if (written[0]) out.append(',');
            written[0] = true;
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        unicode(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(c); // unpaired: keep the output valid UTF-8
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private void unicode(char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int k = hex.length(); k < 4; k++) out.append('0');
        out.append(hex);
    }
}
