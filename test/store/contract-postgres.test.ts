import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.js';
import { describeStoreContract } from './contract.js';
import { describePostgresApp } from './postgres-app.js';
import { describePostgresOnly } from './postgres-only.js';

// A private cluster (initdb in a temp dir, own port), one Postgres schema per test. Missing binaries fail the run;
// SKIP_PG=1 skips these tests explicitly (a developer machine without Postgres).
const skip = process.env.SKIP_PG === '1';

describe.skipIf(skip)('Postgres store', () => {
  let cluster: PgCluster | undefined;
  let admin: pg.Pool | undefined;
  let n = 0;
  const url = (): string => {
    if (!cluster) throw new Error('the test cluster did not start');
    return cluster.url;
  };

  beforeAll(async () => {
    cluster = await startPgCluster();
    admin = new pg.Pool({ connectionString: cluster.url, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await cluster?.stop();
  }, 60_000);

  const space = async () => {
    const schema = `t${process.pid}_${++n}`;
    return {
      schema,
      open: (now: () => Date) => openPostgresStore({ url: url(), schema, logger: silentLogger(), now, poolSize: 3 }),
      dispose: async () => void (await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
    };
  };

  describeStoreContract({ name: 'postgres', persistent: true, space });
  describePostgresOnly({ url, space, admin: () => admin! });
  describePostgresApp({ url, admin: () => admin!, schemaName: () => `t${process.pid}_${++n}` });
});
