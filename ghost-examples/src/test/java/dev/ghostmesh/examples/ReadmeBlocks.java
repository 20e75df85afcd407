package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The embedding sample and its project as the root README prints them: code blocks found by
 * the heading they follow, and the sample compiled against this module's test classpath (which
 * holds ghost-core and ghost-transport).
 *
 * <p>Threading: static helpers for the test thread.
 */
final class ReadmeBlocks {
    static final Path README = Path.of("..", "README.md");
    static final String SAMPLE_HEADING = "## Embedding the library";
    static final String PROJECT_HEADING = "### Adding it to a Maven project";
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    private ReadmeBlocks() {}

    /** The embedding sample: the first java block of its section. */
    static String sample() throws Exception {
        return firstBlock(SAMPLE_HEADING, "java");
    }

    /** The sample project's pom.xml: the first xml block of its section. */
    static String pom() throws Exception {
        return firstBlock(PROJECT_HEADING, "xml");
    }

    /** The public class the sample declares. */
    static String className(String sample) {
        Matcher name = CLASS_NAME.matcher(sample);
        assertTrue(name.find(), "the sample is not a complete class:\n" + sample);
        return name.group(1);
    }

    /**
     * Compiles {@code source} (a class named as it declares) into {@code dir}/classes with every
     * lint warning an error; returns the classes directory.
     */
    static Path compile(String source, Path dir) throws Exception {
        Path file = dir.resolve(className(source) + ".java");
        Files.writeString(file, source);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no compiler: run the tests on a JDK");
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-Xlint:all", "-Werror", "--release", "17",
                        "-cp", System.getProperty("java.class.path"),
                        "-d", classes.toString()),
                null, javac.getStandardFileManager(null, null, null)
                        .getJavaFileObjects(file.toFile())).call();
        assertTrue(ok, "the README sample does not compile:\n" + diagnostics + "\n" + source);
        return classes;
    }

    /** The first {@code ```lang} block after the heading {@code heading}, before the next. */
    static String firstBlock(String heading, String lang) throws Exception {
        List<String> lines = Files.readAllLines(README);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "README.md has no heading '" + heading + "'");
        while (++at < lines.size() && !lines.get(at).equals("```" + lang)) {
            assertTrue(!lines.get(at).startsWith("#"), "no " + lang + " block under " + heading);
        }
        StringBuilder block = new StringBuilder();
        while (++at < lines.size() && !lines.get(at).equals("```")) {
            block.append(lines.get(at)).append('\n');
        }
        return block.toString();
    }
}
