package dev.ghostmesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.internal.identity.ApiInternals;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** What an embedder can reach: the module's exports and the API types' public methods. */
class ModuleBoundaryTest {
    private static final Set<String> API_PACKAGES =
            Set.of("dev.ghostmesh", "dev.ghostmesh.spi", "dev.ghostmesh.local");

    @Test
    void compiledDescriptorExportsOnlyTheApiSpiAndLocalPackages() throws Exception {
        // The class file the jar ships, read as a JVM would: surefire adds nothing to it.
        ModuleDescriptor descriptor;
        try (var in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.ghostmesh.core", descriptor.name());
        assertExactlyTheApi(descriptor);
    }

    @Test
    void testsRunInsideTheNamedModule() {
        // Were the tests moved to the classpath, the other checks here would prove nothing.
        Module module = Identity.class.getModule();
        assertTrue(module.isNamed(), "tests run on the module path");
        assertEquals("dev.ghostmesh.core", module.getName());
        assertExactlyTheApi(module.getDescriptor());
        assertFalse(module.isExported("dev.ghostmesh.internal.identity"));
    }

    @Test
    void identityHandsOutNoSecretAndSignsNothingForCallers() {
        Set<String> publicMethods = Arrays.stream(Identity.class.getMethods())
                .filter(m -> m.getDeclaringClass() == Identity.class)
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("generate", "fromSeed", "loadOrCreate", "id",
                "agreementPublicKey", "publicKey", "codename", "toString")), publicMethods);
        for (String name : new String[] {"agreementPrivateKey", "sign"}) {
            Method m = Arrays.stream(Identity.class.getDeclaredMethods())
                    .filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
            assertFalse(Modifier.isPublic(m.getModifiers()), name + " is not API");
        }
        assertTrue(Arrays.stream(NodeId.class.getMethods()).noneMatch(m -> m.getName().equals(
                "tag")), "NodeId.tag is not API");
    }

    @Test
    void internalCodeStillGetsTheKeyThatMatchesThePublicOne() {
        Identity identity = Identity.generate();
        byte[] secret = ApiInternals.agreementPrivateKey(identity);
        assertNotNull(secret);
        byte[] derived = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(secret, 0, derived, 0);
        assertArrayEquals(identity.agreementPublicKey(), derived);
        byte[] id = identity.id().bytes();
        long firstEight = 0;
        for (int i = 0; i < 8; i++) {
            firstEight = (firstEight << 8) | (id[i] & 0xFF);
        }
        assertEquals(firstEight, ApiInternals.tag(identity.id()));
    }

    private static void assertExactlyTheApi(ModuleDescriptor descriptor) {
        Set<String> exported = descriptor.exports().stream().map(Exports::source)
                .collect(Collectors.toSet());
        assertEquals(API_PACKAGES, exported);
        for (Exports e : descriptor.exports()) {
            assertFalse(e.isQualified(), e + " is exported to everyone");
        }
        // Only the libsodium binding, and only to JNA, which binds native methods reflectively.
        assertEquals(Set.of("dev.ghostmesh.internal.crypto -> [com.sun.jna]"),
                descriptor.opens().stream().map(o -> o.source() + " -> " + o.targets())
                        .collect(java.util.stream.Collectors.toSet()),
                "nothing else is open for reflection");
        assertFalse(descriptor.isOpen());
    }
}
