/**
 * What a transport author tests with. A transport's test class extends


 * {@link dev.ghostmesh.testing.TransportContractTest} (links, frames, close, the callbacks'
 * order) and says how to make and reach its transports; mesh tests extend
 * {@link dev.ghostmesh.testing.MeshTestBase} or the abstract scenario tests
 * ({@link dev.ghostmesh.testing.MeshScenarioTest},
 * {@link dev.ghostmesh.testing.ConnectivityScenarioTest},
 * {@link dev.ghostmesh.testing.GroupScenarioTest}, {@link dev.ghostmesh.testing.TopicScenarioTest})
 * with a {@link dev.ghostmesh.testing.MeshTransports} that makes its transports, and run whole
 * nodes over it.
 *
 * <p>The pieces they are built from are here too: a recording {@code TransportContext}
 * ({@link dev.ghostmesh.testing.RecordingTransportContext}) and listener
 * ({@link dev.ghostmesh.testing.RecordingListener}), a
 * {@link dev.ghostmesh.testing.CountingTransport}, a hand-driven
 * {@link dev.ghostmesh.testing.ManualDiscovery}, waits with a deadline
 * ({@link dev.ghostmesh.testing.Await}) and a check that no background thread died
 * ({@link dev.ghostmesh.testing.UncaughtExceptions}). For virtual time, the core's own
 * {@link dev.ghostmesh.local.ManualClock} drives nodes on a
 * {@link dev.ghostmesh.LoopGroup#hostDriven host-driven} loop group.
 */
package dev.ghostmesh.testing;
