package dev.ghostmesh.cli;

import java.util.List;

/**
 * A console for tests without a terminal: printed lines go to a list, and clears are
 * counted; nothing is ever read.
 *
 * <p>Threading: {@link #println} may be called from any thread; it appends while holding the
 * list's monitor and notifies it, so a test can wait on the list for a line.
 */
final class ListConsole implements Console {
    private final List<String> lines;
    private int clears;

    ListConsole(List<String> lines) {
        this.lines = lines;
    }

    @Override
    public String readLine() {
        return null;
    }

    @Override
    public void println(String line) {
        synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
        }
    }

    @Override
    public synchronized void clear() {
        clears++;
    }

    synchronized int clears() {
        return clears;
    }

    @Override
    public void close() {}
}
