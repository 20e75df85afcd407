package dev.ghostmesh.internal.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The protocol's rules for text fields, shared by the codec (ingress) and the builder. Character
 * classes come from Unicode 13.0 ({@link Unicode13}), never from the running JDK's data, so
 * nodes on different Java versions accept the same names.
 */
public final class TextRules {
    /** Longest chat text, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    /** Longest username, in code points. */
    public static final int MAX_USERNAME_CODE_POINTS = 32;
    /** Longest username in UTF-8 bytes (32 code points of at most 4 bytes). */
    public static final int MAX_USERNAME_BYTES = MAX_USERNAME_CODE_POINTS * 4;

    private TextRules() {}

    /** Why {@code name} is not a valid username, or null if it is. */
    public static String usernameProblem(String name) {
        if (name == null || isBlank(name)) {
            return "empty";
        }
        int count = name.codePointCount(0, name.length());
        if (count > MAX_USERNAME_CODE_POINTS) {
            return "longer than " + MAX_USERNAME_CODE_POINTS + " characters";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            // Control (Cc), format (Cf: bidi overrides, zero-width), line/paragraph separators,
            // surrogates and private-use code points would let a name hide or rewrite what a
            // terminal shows; unassigned ones could become any of these in a later version.
            switch (Unicode13.classOf(cp)) {
                case Unicode13.UNASSIGNED:
                    return unassigned(cp);
                case Unicode13.FORBIDDEN_IN_NAMES:
                    return String.format("contains forbidden character U+%04X", cp);
                default:
                    i += Character.charCount(cp);
            }
        }
        return null;
    }

    /** The reason for a code point unassigned in Unicode 13.0, the version the rules follow. */
    public static String unassigned(int cp) {
        return String.format("contains U+%04X, which is unassigned in Unicode 13.0 (the"
                + " version the protocol's text rules follow)", cp);
    }

    /**
     * Empty, or only white space: the code points Java 17's {@code Character.isWhitespace}
     * accepts, listed here so that no runtime's data can change them.
     */
    static boolean isBlank(String s) {
        return s.codePoints().allMatch(cp -> (cp >= 0x09 && cp <= 0x0d)
                || (cp >= 0x1c && cp <= 0x20) || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006)
                || (cp >= 0x2008 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029
                || cp == 0x205f || cp == 0x3000);
    }

    /** Why {@code text} cannot be sent as a chat message, or null if it can. */
    public static String textProblem(String text) {
        if (text == null || text.isEmpty()) {
            return "empty message";
        }
        int bytes = utf8Length(text);
        if (bytes < 0) {
            return "message is not valid Unicode (unpaired surrogate)";
        }
        if (bytes > MAX_TEXT_BYTES) {
            return "message is " + bytes + " bytes of UTF-8; the limit is " + MAX_TEXT_BYTES;
        }
        return null;
    }

    /** UTF-8 length of {@code s}, or -1 if it holds an unpaired surrogate. */
    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return -1;
                }
                bytes += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Strict UTF-8 decoding: malformed or overlong input throws instead of becoming U+FFFD. */
    static String decodeUtf8(byte[] bytes, int offset, int length) throws PacketDecodeException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new PacketDecodeException("invalid UTF-8 in a string field");
        }
    }
}
