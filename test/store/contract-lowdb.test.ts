import { silentLogger } from '../../src/shared/logger.js';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import { describeStoreContract } from './contract.js';
import { tempDir } from './helpers.js';

// lowdb on real files in a temp directory: "reopen" takes the lock again and reads the files back
describeStoreContract({
  name: 'lowdb',
  persistent: true,
  space: async () => {
    const { dir, cleanup } = await tempDir();
    return { open: (now) => openLowdbStore({ dir, logger: silentLogger(), now }), dispose: cleanup };
  },
});
