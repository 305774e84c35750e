package dev.srpcognito;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the native library speaks (Cognito's wire shapes), read and written without a
 * dependency. Objects are read as {@code Map<String, Object>} (insertion-ordered), arrays
 * as {@code List<Object>}, strings, {@code Boolean}, {@code Long} or {@code Double}, and
 * {@code null}. Written text goes into a {@link Writer} whose buffers are wiped as it grows
 * and when it is wiped, for JSON that carries a secret.
 */
final class Json {
    private static final int MAX_DEPTH = 64;

    private final byte[] text;
    private int at;

    private Json(byte[] text) {
        this.text = text;
    }

    /** The value {@code text} (UTF-8 JSON) holds. */
    static Object parse(byte[] text) {
        Json json = new Json(text);
        json.space();
        Object value = json.value(0);
        json.space();
        if (json.at != text.length) {
            throw json.bad("text after the value");
        }
        return value;
    }

    /** {@code text} parsed as an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(byte[] text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalStateException("srp-cognito: the native library's JSON is not an object");
        }
        return (Map<String, Object>) value;
    }

    private IllegalStateException bad(String why) {
        return new IllegalStateException("srp-cognito: the native library's JSON at " + at + ": " + why);
    }

    private void space() {
        while (at < text.length && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) {
            at++;
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw bad("nested too deeply");
        }
        if (at >= text.length) {
            throw bad("the end, where a value was due");
        }
        switch (text[at]) {
            case '{':
                return objectValue(depth);
            case '[':
                return arrayValue(depth);
            case '"':
                return string();
            case 't':
                word("true");
                return Boolean.TRUE;
            case 'f':
                word("false");
                return Boolean.FALSE;
            case 'n':
                word("null");
                return null;
            default:
                return number();
        }
    }

    private void word(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (at >= text.length || text[at] != word.charAt(i)) {
                throw bad("not " + word);
            }
            at++;
        }
    }

    private void expect(char c) {
        if (at >= text.length || text[at] != c) {
            throw bad("'" + c + "' was due");
        }
        at++;
    }

    private Map<String, Object> objectValue(int depth) {
        expect('{');
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        if (at < text.length && text[at] == '}') {
            at++;
            return map;
        }
        while (true) {
            space();
            String key = string();
            space();
            expect(':');
            space();
            if (map.put(key, value(depth + 1)) != null) {
                throw bad("a duplicate member, " + key);
            }
            space();
            if (at < text.length && text[at] == ',') {
                at++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> arrayValue(int depth) {
        expect('[');
        List<Object> list = new ArrayList<>();
        space();
        if (at < text.length && text[at] == ']') {
            at++;
            return list;
        }
        while (true) {
            space();
            list.add(value(depth + 1));
            space();
            if (at < text.length && text[at] == ',') {
                at++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String string() {
        expect('"');
        int start = at;
        while (at < text.length && text[at] != '"' && text[at] != '\\') {
            at++;
        }
        if (at < text.length && text[at] == '"') {
            return new String(text, start, at++ - start, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(new String(text, start, at - start, StandardCharsets.UTF_8));
        while (true) {
            if (at >= text.length) {
                throw bad("an unterminated string");
            }
            byte b = text[at];
            if (b == '"') {
                at++;
                return out.toString();
            }
            if (b != '\\') {
                int run = at;
                while (at < text.length && text[at] != '"' && text[at] != '\\') {
                    at++;
                }
                out.append(new String(text, run, at - run, StandardCharsets.UTF_8));
                continue;
            }
            if (++at >= text.length) {
                throw bad("an unterminated escape");
            }
            switch (text[at++]) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (at + 4 > text.length) {
                        throw bad("a short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text[at++], 16);
                        if (digit < 0) {
                            throw bad("a bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                    break;
                default:
                    throw bad("an unknown escape");
            }
        }
    }

    private Object number() {
        int start = at;
        boolean integral = true;
        while (at < text.length) {
            byte b = text[at];
            if ((b >= '0' && b <= '9') || b == '-') {
                at++;
            } else if (b == '.' || b == 'e' || b == 'E' || b == '+') {
                integral = false;
                at++;
            } else {
                break;
            }
        }
        if (start == at) {
            throw bad("not a value");
        }
        String number = new String(text, start, at - start, StandardCharsets.US_ASCII);
        try {
            return integral ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
        } catch (NumberFormatException e) {
            throw bad("a bad number");
        }
    }

    // Reading members.

    static String string(Map<String, Object> object, String name) {
        Object value = object.get(name);
        return value instanceof String ? (String) value : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> member(Map<String, Object> object, String name) {
        Object value = object.get(name);
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    /** A member that is an object of strings, as an unmodifiable map (empty if absent). */
    static Map<String, String> strings(Map<String, Object> object, String name) {
        Map<String, Object> member = member(object, name);
        if (member == null) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : member.entrySet()) {
            if (e.getValue() instanceof String) {
                out.put(e.getKey(), (String) e.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A member that is an array of strings, as an unmodifiable list (empty if absent). */
    static List<String> stringList(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (!(value instanceof List)) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (item instanceof String) {
                out.add((String) item);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * JSON text being written, UTF-8, in a buffer that is wiped whenever it grows and by
     * {@link #wipe()}: the request text that carries a secret leaves no copy behind.
     */
    static final class Writer {
        private byte[] buffer = new byte[256];
        private int length;
        private boolean first = true;

        Writer begin() {
            raw('{');
            first = true;
            return this;
        }

        Writer end() {
            raw('}');
            first = false;
            return this;
        }

        /** A member holding a string; none when {@code value} is null. */
        Writer member(String name, String value) {
            if (value == null) {
                return this;
            }
            key(name);
            quoted(value);
            return this;
        }

        Writer member(String name, boolean value) {
            key(name);
            for (char c : (value ? "true" : "false").toCharArray()) {
                raw(c);
            }
            return this;
        }

        Writer member(String name, Long value) {
            if (value == null) {
                return this;
            }
            key(name);
            for (char c : value.toString().toCharArray()) {
                raw(c);
            }
            return this;
        }

        /** A member holding an object of strings; none when {@code map} is null. */
        Writer member(String name, Map<String, String> map) {
            if (map == null) {
                return this;
            }
            key(name);
            begin();
            for (Map.Entry<String, String> e : map.entrySet()) {
                member(e.getKey(), e.getValue());
            }
            return end();
        }

        /** Members from {@code map}'s entries (into the object being written). */
        Writer membersOf(Map<String, String> map) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                member(e.getKey(), Secrets.require(e.getValue(), e.getKey()));
            }
            return this;
        }

        /** A member holding an array of strings; none when {@code list} is null or empty. */
        Writer array(String name, List<String> list) {
            if (list == null || list.isEmpty()) {
                return this;
            }
            key(name);
            raw('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    raw(',');
                }
                quoted(list.get(i));
            }
            raw(']');
            return this;
        }

        /** Any value {@link Json#parse} reads (maps, lists, strings, numbers, booleans, null). */
        @SuppressWarnings("unchecked")
        Writer value(Object value) {
            if (value instanceof Map) {
                begin();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                    name(e.getKey());
                    value(e.getValue());
                }
                return end();
            }
            if (value == null || value instanceof Boolean || value instanceof Number) {
                for (char c : String.valueOf(value).toCharArray()) {
                    raw(c);
                }
            } else if (value instanceof String) {
                quoted((String) value);
            } else if (value instanceof List) {
                raw('[');
                boolean firstItem = true;
                for (Object item : (List<?>) value) {
                    if (!firstItem) {
                        raw(',');
                    }
                    firstItem = false;
                    value(item);
                }
                raw(']');
            } else {
                throw new IllegalArgumentException("not a JSON value: " + value.getClass());
            }
            first = false;
            return this;
        }

        /** A member's name, whose value the caller writes next. */
        Writer name(String name) {
            key(name);
            return this;
        }

        /** A member holding an object, whose members the caller writes, then {@link #end()}. */
        Writer open(String name) {
            key(name);
            return begin();
        }

        private void key(String name) {
            if (!first) {
                raw(',');
            }
            first = false;
            quoted(name);
            raw(':');
        }

        private void quoted(CharSequence value) {
            raw('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    raw('\\');
                    raw(c);
                } else if (c < 0x20) {
                    raw('\\');
                    raw('u');
                    String hex = Integer.toHexString(c);
                    for (int pad = hex.length(); pad < 4; pad++) {
                        raw('0');
                    }
                    for (char h : hex.toCharArray()) {
                        raw(h);
                    }
                } else if (c < 0x80) {
                    raw(c);
                } else if (c < 0x800) {
                    raw((char) (0xc0 | (c >> 6)));
                    raw((char) (0x80 | (c & 0x3f)));
                } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int code = Character.toCodePoint(c, value.charAt(++i));
                    raw((char) (0xf0 | (code >> 18)));
                    raw((char) (0x80 | ((code >> 12) & 0x3f)));
                    raw((char) (0x80 | ((code >> 6) & 0x3f)));
                    raw((char) (0x80 | (code & 0x3f)));
                } else if (Character.isSurrogate(c)) {
                    // A lone surrogate is not text: U+FFFD, as String.getBytes writes it.
                    raw((char) 0xef);
                    raw((char) 0xbf);
                    raw((char) 0xbd);
                } else {
                    raw((char) (0xe0 | (c >> 12)));
                    raw((char) (0x80 | ((c >> 6) & 0x3f)));
                    raw((char) (0x80 | (c & 0x3f)));
                }
            }
            raw('"');
        }

        private void raw(char b) {
            if (length == buffer.length) {
                byte[] grown = Arrays.copyOf(buffer, buffer.length * 2);
                Arrays.fill(buffer, (byte) 0);
                buffer = grown;
            }
            buffer[length++] = (byte) b;
        }

        /** The text written, in an array of its own (the caller wipes it). */
        byte[] toBytes() {
            return Arrays.copyOf(buffer, length);
        }

        void wipe() {
            Arrays.fill(buffer, (byte) 0);
            length = 0;
        }
    }
}
