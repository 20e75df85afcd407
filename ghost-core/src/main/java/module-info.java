/**
 * Ghost Terminal's mesh library: the {@link dev.ghostmesh.MeshNode} API, the transport and
 * discovery SPI, and the in-process {@link dev.ghostmesh.local.LocalNetwork}.
 *
 * <p>Only those three packages are exported; everything under {@code dev.ghostmesh.internal} is
 * the implementation and may change in any release. Only the libsodium binding is opened, to
 * JNA, which binds its native methods by reflection.
 * The module reads its dependencies without {@code transitive}: no type of theirs appears in
 * the exported API.
 */
// msgpack-core and noise-java carry no module name of their own (no module-info, no
// Automatic-Module-Name), so they are automatic modules named after their jar files. javac's
// requires-automatic lint warns about exactly that, and -Werror would fail the build: the
// warning is known and accepted here, for these two requires only, until the libraries name
// their modules.
@SuppressWarnings("requires-automatic")
module dev.ghostmesh.core {
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires msgpack.core;
    requires noise.java;
    // Optional: libsodium through JNA signs and verifies faster where both are present; the
    // node falls back to BouncyCastle when they are not (Ed25519Providers).
    requires static com.sun.jna;

    exports dev.ghostmesh;
    exports dev.ghostmesh.spi;
    exports dev.ghostmesh.local;

    opens dev.ghostmesh.internal.crypto to com.sun.jna;
}
