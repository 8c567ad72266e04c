-- Store schema v1. Documents (mentions, outbox entries, feedback, state) are kept as `json` (exact text, key order
-- and numbers as written); the columns beside them are what queries filter, order and deduplicate on.
-- Identifiers that are ordered compare as bytes (COLLATE "C"), like the JS string order the other adapters use.

CREATE TABLE mentions (
  key           text COLLATE "C" PRIMARY KEY,            -- dedup: one row per brand|item
  item_key      text NOT NULL,
  brand         text NOT NULL,
  published_at  timestamptz NOT NULL,
  sentiment     text NOT NULL CHECK (sentiment IN ('negative', 'neutral', 'positive')),
  source_kind   text NOT NULL,
  source_id     text NOT NULL,
  doc           json NOT NULL
);
-- /mentions, ORI windows, digests, evaluation: one brand, a time range, newest first
CREATE INDEX mentions_brand_time ON mentions (brand, published_at DESC, key);
-- queries without a brand, and retention
CREATE INDEX mentions_time ON mentions (published_at DESC, key);

CREATE TABLE seen_items (
  item_key  text PRIMARY KEY,                            -- dedup: an item is processed once
  seen_at   timestamptz NOT NULL
);
CREATE INDEX seen_items_seen_at ON seen_items (seen_at);

CREATE TABLE rollups (
  brand       text NOT NULL,
  hour        timestamptz NOT NULL,
  count       integer NOT NULL,
  positive    integer NOT NULL,
  neutral     integer NOT NULL,
  negative    integer NOT NULL,
  engagement  double precision NOT NULL,
  terms       json NOT NULL,                             -- the top terms, ranked in the commit that changed the hour
  PRIMARY KEY (brand, hour)
);
CREATE INDEX rollups_hour ON rollups (hour);

-- every term's count per brand-hour, so the top terms stay exact when later mentions lift a term into them
CREATE TABLE rollup_terms (
  brand  text NOT NULL,
  hour   timestamptz NOT NULL,
  term   text COLLATE "C" NOT NULL,
  count  integer NOT NULL,
  PRIMARY KEY (brand, hour, term)
);
CREATE INDEX rollup_terms_hour ON rollup_terms (hour);

CREATE TABLE source_states (
  source_id  text PRIMARY KEY,
  state      json NOT NULL
);

CREATE TABLE source_health (
  source_id  text PRIMARY KEY,
  health     json NOT NULL
);

CREATE TABLE kv (
  key    text PRIMARY KEY,
  value  json NOT NULL
);

CREATE TABLE outbox (
  id          text COLLATE "C" PRIMARY KEY,              -- dedup: enqueueing an id twice is a no-op
  status      text NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
  created_at  timestamptz,
  seq         integer NOT NULL DEFAULT 0,
  not_before  timestamptz,
  sent_at     timestamptz,
  doc         json NOT NULL
);
-- delivery order of due entries: oldest first, then seq, then id
CREATE INDEX outbox_due ON outbox (created_at, seq, id) WHERE status = 'pending';
CREATE INDEX outbox_status ON outbox (status);
CREATE INDEX outbox_sent ON outbox ((coalesce(sent_at, created_at))) WHERE status = 'sent';

CREATE TABLE feedback (
  n            bigserial PRIMARY KEY,                    -- insertion order
  mention_key  text NOT NULL,
  by_user      text NOT NULL,
  at           text NOT NULL,
  doc          json NOT NULL,
  UNIQUE (mention_key, by_user, at)                      -- dedup: one record per mention, person and time
);
