package dev.ghostmesh.examples;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The library's threads (named {@code ghost-*}) alive in this JVM, for the game example's claim
 * that a host-driven node starts none.
 *
 * <p>Threading: stateless; any thread.
 */
final class LibraryThreads {
    private LibraryThreads() {}

    /** Ids of the live threads now. */
    static Set<Long> ids() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId)
                .collect(Collectors.toSet());
    }

    /** Names of the live {@code ghost-*} threads whose ids are not in {@code before}. */
    static Set<String> startedSince(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t.getId()) && t.getName().startsWith("ghost-"))
                .map(Thread::getName).collect(Collectors.toSet());
    }
}
