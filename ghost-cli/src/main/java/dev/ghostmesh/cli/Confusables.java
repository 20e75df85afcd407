package dev.ghostmesh.cli;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells whether two usernames look alike, so the chat can treat them as one name shared by
 * several nodes: Latin {@code bob} and Cyrillic {@code bоb}, {@code paypal} and
 * {@code pаypal}, {@code Bob} and {@code bob}, {@code bob1} and {@code bobl}, {@code rn} and
 * {@code m}. Two names collide when their skeletons are equal: the UTS #39 confusable skeleton
 * ({@link SpoofChecker#getSkeleton}) of the name after NFKC case folding (so case, full-width
 * forms and default-ignorable characters such as zero-width spaces make no difference).
 *
 * <p>Skeletons are only compared, never shown: what is printed is the (sanitized) name itself.
 *
 * <p>Threading: thread-safe. The checker is immutable and shared; each instance keeps a small
 * synchronized cache, since every printed name is compared with every known node's.
 */
final class Confusables {
    /** Skeletons remembered per instance; usernames seen by one chat are far fewer. */
    static final int CACHE_SIZE = 4096;

    private final Map<String, String> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** The skeleton of {@code name}: equal skeletons mean the names can pass for each other. */
    String skeleton(String name) {
        synchronized (cache) {
            String s = cache.get(name);
            if (s == null) {
                s = compute(name);
                cache.put(name, s);
            }
            return s;
        }
    }

    /** True if {@code a} and {@code b} look alike (or are equal). */
    boolean collide(String a, String b) {
        return a.equals(b) || skeleton(a).equals(skeleton(b));
    }

    /** The skeleton without the cache. */
    static String compute(String name) {
        String folded = Holder.FOLD.normalize(name);
        return Holder.CHECKER.getSkeleton(folded);
    }

    /** Loaded on first use: building the checker reads ICU's confusables data (~60 ms). */
    private static final class Holder {
        static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();
        static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
    }
}
