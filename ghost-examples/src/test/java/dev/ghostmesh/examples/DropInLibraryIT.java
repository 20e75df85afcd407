package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library drops into another Maven project: the BOM, ghost-core and ghost-transport are
 * installed into a fresh local repository, and a separate project (src/test/drop-in-consumer)
 * that imports the BOM and depends on those two alone is built against it and run: its two
 * nodes on TCP loopback exchange a chat broadcast, a publish on a topic, a direct message and
 * a request with its reply, and see a direct message and a request to a topic without a handler
 * fail with NoHandlerException.
 *
 * <p>Nothing is installed into the user's local repository: the child builds use a temporary
 * one, and a settings file that mirrors every repository to the outer build's local repository
 * (given by failsafe), so plugins and third-party jars come from there. The children run offline
 * with only file: repositories allowed, so they never reach the network.
 *
 * <p>Then the README's own project (its pom.xml and Gateway.java) is built the same way and run
 * with the README's command.
 *
 * <p>Threading: the test thread runs each child process and waits for it with a deadline.
 */
class DropInLibraryIT {
    private static final long CHILD_TIMEOUT_SECONDS = 300;

    @TempDir
    Path temp;

    @Test
    void aProjectUsingOnlyCoreAndTransportBuildsAndUsesTheDataPlane() throws Exception {
        Path root = Path.of(property("ghost.root"));
        Path settings = writeSettings(Path.of(property("ghost.outerRepository")));
        Path repository = temp.resolve("repository");
        // Offline, except for file: repositories, so the mirror is the only source there is.
        List<String> maven = List.of(mavenCommand(), "-B", "-q", "-o",
                "-Daether.offline.protocols=file", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository);

        // Main artifacts only: the outer build compiled and ran every test already, and the
        // nested one would otherwise compile them all again (the core's with ghost-testing's).
        run(root, concat(maven, "-f", root.resolve("pom.xml").toString(),
                "-pl", "ghost-bom,ghost-core,ghost-transport", "-am", "install",
                "-Dmaven.test.skip=true", "-Dmaven.javadoc.skip=true",
                "-Dmaven.source.skip=true"));
        assertTrue(Files.isRegularFile(repository.resolve(
                "dev/ghostmesh/ghost-bom/" + property("ghost.version")
                        + "/ghost-bom-" + property("ghost.version") + ".pom")));

        Path consumer = copyConsumer(root.resolve("ghost-examples/src/test/drop-in-consumer"));
        Path classpathFile = temp.resolve("classpath.txt");
        run(consumer, concat(maven, "-f", consumer.resolve("pom.xml").toString(),
                "compile", "dependency:build-classpath",
                "-Dmdep.outputFile=" + classpathFile));

        String classpath = Files.readString(classpathFile).strip();
        assertEquals(Set.of("ghost-core", "ghost-transport", "slf4j-api", "msgpack-core",
                "bcprov-jdk18on", "noise-java"), artifactNames(classpath),
                "ghost-core + ghost-transport bring exactly the README's dependencies");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = run(consumer, List.of(java, "-cp",
                consumer.resolve("target/classes") + File.pathSeparator + classpath,
                "example.Main"));
        // run() has checked it exited 0: the program checks each call and exits 1 otherwise.
        for (String line : List.of("bob received from alice: hello from a drop-in consumer",
                "alice sees subscribers of example/readings: bob",
                "bob got a publish on example/readings from alice: [21, 5, 44]",
                "bob got a direct message from alice: [7], confirmed to alice",
                "bob answered alice's request: 2 + 3 = 5",
                "no handler: both failed with NoHandlerException")) {
            assertTrue(output.lines().anyMatch(line::equals), "no line '" + line + "':\n"
                    + output);
        }

        theReadmeProjectBuildsAndRuns(maven);
    }

    /**
     * The README's own project, its pom.xml and Gateway.java as printed, built by the Maven
     * running this build (3.8 or newer), then run with the README's command: the program must
     * say, in one line, that it keeps re-dialing its peer, which is down. For the run, the
     * sample's LAN discovery line is taken out (as in ReadmeSampleRunTest): a test must not
     * send beacons onto the machine's networks.
     */
    private void theReadmeProjectBuildsAndRuns(List<String> maven) throws Exception {
        Path project = temp.resolve("readme-project");
        Path sources = Files.createDirectories(project.resolve("src/main/java"));
        String pom = ReadmeBlocks.pom();
        assertTrue(pom.contains("<version>" + property("ghost.version") + "</version>"),
                "the README's pom imports the BOM of this version:\n" + pom);
        Files.writeString(project.resolve("pom.xml"), pom);
        String sample = ReadmeBlocks.sample();
        Path source = sources.resolve(ReadmeBlocks.className(sample) + ".java");
        Files.writeString(source, sample);
        run(project, concat(maven, "compile"));
        assertTrue(Files.isRegularFile(project.resolve("target/classes/Gateway.class")));

        Files.writeString(source, sample.replace(ReadmeSampleRunTest.DISCOVERY_LINE, "")
                .replace("import dev.ghostmesh.transport.lan.LanDiscovery;\n", ""));
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String line = runUntil(project, concat(maven, "compile", "exec:java",
                "-Dexec.args=127.0.0.1:" + closed + " 0"),
                "cannot connect to tcp:127.0.0.1:" + closed
                        + ": connection refused; retrying in the background");
        assertFalse(line.contains("Exception"), line);
    }

    /**
     * Runs {@code command} in {@code directory} until its output has the line {@code wanted},
     * then kills it; returns the output so far. Fails if it exits or times out first.
     */
    private String runUntil(Path directory, List<String> command, String wanted)
            throws Exception {
        Path log = Files.createTempFile(temp, "child", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
        try {
            while (true) {
                String output = Files.readString(log);
                if (output.lines().anyMatch(wanted::equals)) {
                    return output;
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    return fail("no line '" + wanted + "' from " + command + "\n" + output);
                }
                process.waitFor(200, TimeUnit.MILLISECONDS); // a poll, ended by its exit
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path writeSettings(Path outerRepository) throws IOException {
        Path settings = temp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>outer-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(outerRepository.toUri()));
        return settings;
    }

    private Path copyConsumer(Path template) throws IOException {
        Path target = temp.resolve("consumer");
        try (Stream<Path> files = Files.walk(template)) {
            for (Path from : files.toList()) {
                Path to = target.resolve(template.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, Files.readString(from)
                            .replace("@ghost.version@", property("ghost.version")));
                }
            }
        }
        return target;
    }

    /** Jar names without version and extension: ".../slf4j-api-2.0.17.jar" is "slf4j-api". */
    private static Set<String> artifactNames(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).getParent().getParent().getFileName().toString())
                .collect(Collectors.toSet());
    }

    /** Runs {@code command} in {@code directory}; returns its output if it exits 0. */
    private String run(Path directory, List<String> command) throws Exception {
        Path log = Files.createTempFile(temp, "child", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out after " + CHILD_TIMEOUT_SECONDS + " s: " + command + "\n"
                    + Files.readString(log));
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), () -> command + " failed:\n" + output);
        return output;
    }

    /** The mvn of the Maven running this build if failsafe names it, else the one on PATH. */
    private static String mavenCommand() {
        String home = System.getProperty("ghost.mavenHome", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isEmpty() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this test through failsafe");
        }
        return value;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
