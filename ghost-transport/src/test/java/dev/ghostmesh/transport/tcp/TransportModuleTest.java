package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What an embedder can reach in dev.ghostmesh.transport: the two transport packages. */
class TransportModuleTest {
    @Test
    void compiledDescriptorExportsOnlyTheTransportPackages() throws Exception {
        ModuleDescriptor descriptor;
        try (var in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.ghostmesh.transport", descriptor.name());
        assertEquals(Set.of("dev.ghostmesh.transport.tcp", "dev.ghostmesh.transport.lan"),
                descriptor.exports().stream().map(Exports::source).collect(Collectors.toSet()));
        assertTrue(descriptor.exports().stream().noneMatch(Exports::isQualified));
        assertTrue(descriptor.opens().isEmpty());
        // Its builders hand out core types, so a reader of the transport reads the core too.
        Requires core = descriptor.requires().stream()
                .filter(r -> r.name().equals("dev.ghostmesh.core")).findFirst().orElseThrow();
        assertTrue(core.modifiers().contains(Requires.Modifier.TRANSITIVE));
    }

    @Test
    void testsRunInsideTheNamedModule() {
        Module module = TcpTransport.class.getModule();
        assertEquals("dev.ghostmesh.transport", module.getName());
        assertEquals("dev.ghostmesh.core", dev.ghostmesh.MeshNode.class.getModule().getName());
    }
}
