package dev.ghostmesh.internal.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Unicode 13.0 character classes the text rules need, from a table shipped with the code
 * (the resource {@code unicode-13.0-classes.txt}), not from {@link Character}: the JDK's data
 * follows its Unicode version (13.0 in Java 17, 16.0 in Java 25), and two nodes must agree on
 * which usernames and group names are valid whatever runtime they run on. PROTOCOL.md pins the
 * rules to Unicode 13.0. Immutable once loaded; thread-safe.
 */
public final class Unicode13 {
    /** General category Cn in Unicode 13.0. */
    public static final int UNASSIGNED = 0;
    /** Cc, Cf, Zl, Zp, Cs or Co: forbidden in usernames. */
    public static final int FORBIDDEN_IN_NAMES = 1;
    /** Lu, Ll, Lt, Lm, Lo or Nd: allowed in group names. */
    public static final int LETTER_OR_DIGIT = 2;
    /** Any other assigned code point. */
    public static final int OTHER = 3;

    private static final String RESOURCE = "unicode-13.0-classes.txt";
    /** First code point of each run, ascending from 0; {@link #CLASSES} holds its class. */
    private static final int[] STARTS;
    private static final byte[] CLASSES;

    static {
        int[] starts = new int[4096];
        byte[] classes = new byte[4096];
        int n = 0;
        try (InputStream in = Unicode13.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    classes = Arrays.copyOf(classes, n * 2);
                }
                starts[n] = Integer.parseInt(line.substring(0, space), 16);
                classes[n] = Byte.parseByte(line.substring(space + 1).strip());
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        STARTS = Arrays.copyOf(starts, n);
        CLASSES = Arrays.copyOf(classes, n);
    }

    private Unicode13() {}

    /** The class of {@code cp} in Unicode 13.0; {@link #UNASSIGNED} outside 0..U+10FFFF. */
    public static int classOf(int cp) {
        if (cp < 0 || cp > Character.MAX_CODE_POINT) {
            return UNASSIGNED;
        }
        int i = Arrays.binarySearch(STARTS, cp);
        return CLASSES[i >= 0 ? i : -i - 2];
    }
}
