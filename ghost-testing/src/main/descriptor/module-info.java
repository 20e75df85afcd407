/**
 * Ghost Terminal's testing kit, for people writing transports and discoveries: the


 * {@link dev.ghostmesh.testing.TransportContractTest} a transport's test extends, the mesh
 * scenario tests that run whole nodes on it, and the fakes and recorders they are built from.
 * Exports {@code dev.ghostmesh.testing} only.
 *
 * <p>{@code requires transitive}: the kit's types take and return the core's and JUnit's, so a
 * module that reads this one reads those too. The package is open to JUnit, which calls the
 * kit's test and lifecycle methods (package-private, as JUnit 5 tests are) by reflection.
 */
module dev.ghostmesh.testing {
    requires transitive dev.ghostmesh.core;
    requires transitive org.junit.jupiter.api;

    exports dev.ghostmesh.testing;

    opens dev.ghostmesh.testing to org.junit.platform.commons;
}
