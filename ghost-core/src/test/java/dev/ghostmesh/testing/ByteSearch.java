package dev.ghostmesh.testing;

/** Finds byte sequences in frames, for tests that tamper with one field of an encoding. */
public final class ByteSearch {
    private ByteSearch() {}

    /** Offset of the first occurrence of {@code needle}; fails the test if there is none. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        int at = find(haystack, needle);
        if (at < 0) {
            throw new AssertionError("byte sequence not found");
        }
        return at;
    }

    /** True if {@code needle} occurs anywhere in {@code haystack}. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        return find(haystack, needle) >= 0;
    }

    private static int find(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
