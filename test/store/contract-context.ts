import type { Store } from '../../src/store/store.js';

/** What each part of the Store contract suite gets (its own file, so the parts and the suite import no cycle). */
export interface ContractContext {
  /** the store under test, opened on a mutable clock (`ctx.now`) */
  store(): Store;
  /** close and open again (the same instance for a non-persistent adapter) */
  reopen(): Promise<Store>;
  setNow(iso: string): void;
  persistent: boolean;
}
