package dev.ghostmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a tiny module that {@code requires dev.ghostmesh.core}, against this build's
 * classes, the way an embedder on the module path would: the API compiles, the internals and
 * the identity's secret do not.
 */
class ModularConsumerTest {
    @TempDir
    Path temp;

    @Test
    void apiCompiles() throws IOException {
        assertEquals(List.of(), errors("""
                Identity identity = Identity.generate();
                byte[] key = identity.agreementPublicKey();
                """));
    }

    @Test
    void internalPackagesAreNotVisible() throws IOException {
        List<String> errors = errors("""
                byte[] key = dev.ghostmesh.internal.identity.ApiInternals
                        .agreementPrivateKey(Identity.generate());
                """);
        assertTrue(errors.contains("compiler.err.package.not.visible"), errors.toString());
    }

    @Test
    void theAgreementPrivateKeyIsNotAccessible() throws IOException {
        List<String> errors = errors("""
                byte[] key = Identity.generate().agreementPrivateKey();
                """);
        assertTrue(errors.contains("compiler.err.not.def.public.cant.access"), errors.toString());
    }

    /** Compiles {@code body} as a method of a consumer module; returns the error codes. */
    private List<String> errors(String body) throws IOException {
        Path src = Files.createDirectories(temp.resolve("src/consumer"));
        Files.writeString(temp.resolve("src/module-info.java"),
                "module consumer { requires dev.ghostmesh.core; }\n");
        Path probe = Files.writeString(src.resolve("Probe.java"), """
                package consumer;

                import dev.ghostmesh.Identity;

                class Probe {
                    void probe() {
                %s    }
                }
                """.formatted(body.indent(8)));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics,
                Locale.ROOT, null)) {
            // The module path surefire runs these tests with: this build's dev.ghostmesh.core
            // (target/classes, without the tests) and the modules it requires.
            List<String> options = new ArrayList<>(List.of("-d",
                    Files.createDirectories(temp.resolve("out")).toString(), "--module-path",
                    System.getProperty("jdk.module.path")));
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(
                    temp.resolve("src/module-info.java"), probe)).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(Diagnostic::getCode)
                .collect(Collectors.toList());
    }
}
