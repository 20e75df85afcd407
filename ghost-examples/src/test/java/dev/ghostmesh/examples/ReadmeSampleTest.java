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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program in the root README's "Embedding the library" section compiles, as printed,
 * against the library's current API (this module's test classpath holds ghost-core and
 * ghost-transport), with every lint warning an error: a renamed method or a deprecation makes
 * the README wrong, and this test fail.
 *
 * <p>Threading: runs the compiler on the test thread.
 */
class ReadmeSampleTest {
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    Path tmp;

    @Test
    void theEmbeddingSampleCompilesAgainstTheCurrentApi() throws Exception {
        String sample = firstJavaBlockOf("## Embedding the library");
        Matcher name = CLASS_NAME.matcher(sample);
        assertTrue(name.find(), "the sample is not a complete class:\n" + sample);
        Path source = tmp.resolve(name.group(1) + ".java");
        Files.writeString(source, sample);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no compiler: run the tests on a JDK");
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-Xlint:all", "-Werror", "--release", "17",
                        "-cp", System.getProperty("java.class.path"),
                        "-d", tmp.resolve("classes").toString()),
                null, javac.getStandardFileManager(null, null, null)
                        .getJavaFileObjects(source.toFile())).call();
        assertTrue(ok, "the README sample does not compile:\n" + diagnostics + "\n" + sample);
        assertTrue(Files.isRegularFile(tmp.resolve("classes").resolve(name.group(1) + ".class")));
    }

    /** The first ```java block after the heading {@code heading} of ../README.md. */
    private static String firstJavaBlockOf(String heading) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "README.md has no heading '" + heading + "'");
        while (++at < lines.size() && !lines.get(at).equals("```java")) {
            assertTrue(!lines.get(at).startsWith("## "), "no java block under " + heading);
        }
        StringBuilder block = new StringBuilder();
        while (++at < lines.size() && !lines.get(at).equals("```")) {
            block.append(lines.get(at)).append('\n');
        }
        return block.toString();
    }
}
