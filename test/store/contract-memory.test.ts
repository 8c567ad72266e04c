import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { describeStoreContract } from './contract.js';

// nothing survives a process: "reopen" returns the same instance (its close() keeps the data)
describeStoreContract({
  name: 'memory',
  persistent: false,
  space: () => {
    let store: Store | undefined;
    return Promise.resolve({ open: (now) => Promise.resolve((store ??= new MemoryStore(now))), dispose: () => Promise.resolve() });
  },
});
