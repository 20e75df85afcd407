package dev.ghostmesh.internal.store;

import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import dev.ghostmesh.testing.MessageStoreContractTest;

/** The in-memory default keeps the store contract. */
class MemoryMessageStoreTest extends MessageStoreContractTest {
    @Override
    protected MessageStore create(StoreLimits limits) {
        return new MemoryMessageStore(limits);
    }
}
