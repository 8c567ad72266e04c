import type { MentionQuery } from '../../../store/store.js';

export interface PageState {
  query: MentionQuery;
  pageSize: number;
  /** user who ran the command: only they may turn the pages */
  userId: string;
}

/** Pagination state for /mentions, keyed by a short token carried in the Prev/Next custom ids. Bounded, in memory. */
export class PageStore {
  private readonly states = new Map<string, PageState>();

  constructor(private readonly capacity = 500) {}

  put(token: string, state: PageState): void {
    this.states.delete(token);
    this.states.set(token, state);
    while (this.states.size > this.capacity) {
      const oldest = this.states.keys().next().value;
      if (oldest === undefined) break;
      this.states.delete(oldest);
    }
  }

  get(token: string): PageState | undefined {
    return this.states.get(token);
  }
}
