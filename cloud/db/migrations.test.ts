// The migration runner and the row-level-security audit it ends with.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createPostgresTestDatabase,
  openPgliteTestDatabase,
  PG_AVAILABLE,
  PG_SKIP_REASON,
  type TestDatabase,
} from '../testing/test-databases.js';
import { loadMigrations, migrate, migrationStatus, type Migration } from './migrations.js';
import { PostgresDatabase } from './postgres-database.js';
import { quoteIdent, roleNamesFor, RoleNameError } from './roles.js';

function migration(version: number, name: string, sql: string): Migration {
  return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

describe('migrations on PGlite', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
  }, 60_000);
  afterAll(() => t?.dispose());
  beforeEach(async () => {
    // A clean schema per test; the roles stay, as on a real server.
    await t.db.adminTransaction((tx) => tx.script('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));
  });

  const files = loadMigrations();
  const tableExists = (name: string) =>
    t.db
      .adminTransaction((tx) =>
        tx.one<{ e: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS e`, [`public.${name}`]),
      )
      .then((r) => r.e);

  it('applies every numbered file once, in order, and nothing the second time', async () => {
    const versions = files.map((m) => m.version);
    expect(versions.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect((await migrate(t.db, files)).applied).toEqual(versions);
    expect((await migrate(t.db, files)).applied).toEqual([]);
    expect(await migrationStatus(t.db, files)).toEqual({ applied: versions, pending: [] });
  });

  it('reports what is pending', async () => {
    await migrate(t.db, files.slice(0, 3));
    expect((await migrationStatus(t.db, files)).pending).toEqual(files.slice(3).map((m) => m.version));
  });

  it('refuses to start when an applied file was edited', async () => {
    await migrate(t.db, files);
    const edited = files.map((m) => (m.version === 2 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(t.db, edited)).rejects.toThrow(/0002_sessions\.sql changed after it was applied/);
  });

  it('refuses to run against a database from a newer version', async () => {
    await migrate(t.db, files);
    const last = files.at(-1)?.version;
    await expect(migrate(t.db, files.slice(0, -1))).rejects.toThrow(
      new RegExp(`has migration ${last} which this version of the service does not have`),
    );
  });

  it('rejects a tenant table without row-level security, and applies nothing of that run', async () => {
    const bad = migration(9001, 'careless', 'CREATE TABLE notes (tenant_id uuid NOT NULL, body text);');
    const other = migration(
      7,
      'fine',
      'CREATE TABLE audit_fine (id int); ALTER TABLE audit_fine ENABLE ROW LEVEL SECURITY; ALTER TABLE audit_fine FORCE ROW LEVEL SECURITY; CREATE POLICY p ON audit_fine USING (false);',
    );
    await migrate(t.db, files);
    await expect(migrate(t.db, [...files, bad, other])).rejects.toThrow(
      /notes needs ENABLE and FORCE ROW LEVEL SECURITY/,
    );
    expect(await tableExists('notes')).toBe(false);
    expect(await tableExists('audit_fine')).toBe(false);
    expect((await migrationStatus(t.db, [...files, bad])).pending).toEqual([9001]);
  });

  it('rejects RLS enabled but not forced, a policy that ignores the tenant, and an exempt tenant table', async () => {
    await migrate(t.db, files);
    const cases: Array<[string, RegExp]> = [
      [
        'CREATE TABLE a (tenant_id uuid); ALTER TABLE a ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON a USING (tenant_id = app_tenant());',
        /a needs ENABLE and FORCE/,
      ],
      [
        'CREATE TABLE b (tenant_id uuid); ALTER TABLE b ENABLE ROW LEVEL SECURITY; ALTER TABLE b FORCE ROW LEVEL SECURITY; CREATE POLICY p ON b USING (true);',
        /b has a policy that ignores app_tenant\(\)/,
      ],
      [
        "CREATE TABLE c (tenant_id uuid); COMMENT ON TABLE c IS 'rls-exempt: trust me';",
        /c has tenant_id, so it cannot be rls-exempt/,
      ],
      [
        'CREATE TABLE d (id int); ALTER TABLE d ENABLE ROW LEVEL SECURITY; ALTER TABLE d FORCE ROW LEVEL SECURITY;',
        /d has no policy/,
      ],
    ];
    for (const [sql, message] of cases) {
      await expect(migrate(t.db, [...files, migration(9001, 'bad', sql)])).rejects.toThrow(message);
    }
  });

  it('names the failing migration when its SQL is wrong', async () => {
    await expect(
      migrate(t.db, [...files, migration(9001, 'typo', 'CREATE TABLEE x (id int);')]),
    ).rejects.toThrow(/Migration 9001 \(typo\) failed: .*syntax error/);
  });

  it('tables belong to the owner role and the app role may not touch the bookkeeping', async () => {
    await migrate(t.db, files);
    const owners = await t.db.adminTransaction((tx) =>
      tx.rows<{ tableowner: string }>(
        `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`,
      ),
    );
    expect(owners).toEqual([{ tableowner: t.db.roles.owner }]);
    await expect(t.db.transaction({}, (tx) => tx.rows('SELECT * FROM schema_migrations'))).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('migration files', () => {
  const dir = () => mkdtempSync(path.join(os.tmpdir(), 'talemo-migrations-'));

  it('must be named NNNN_name.sql and numbered once each', () => {
    const a = dir();
    writeFileSync(path.join(a, '0001_ok.sql'), 'SELECT 1;');
    writeFileSync(path.join(a, '2_bad.sql'), 'SELECT 1;');
    expect(() => loadMigrations(a)).toThrow(/"2_bad.sql" must be named NNNN_lower_case_name.sql/);
    const b = dir();
    writeFileSync(path.join(b, '0001_one.sql'), 'SELECT 1;');
    writeFileSync(path.join(b, '0001_two.sql'), 'SELECT 2;');
    expect(() => loadMigrations(b)).toThrow(/Two migration files have number 0001/);
  });

  it('role names come from the database name and refuse odd names', () => {
    expect(roleNamesFor('talemo')).toEqual({ owner: 'talemo_owner', app: 'talemo_app' });
    expect(roleNamesFor('cloud_prod')).toEqual({
      owner: 'talemo_cloud_prod_owner',
      app: 'talemo_cloud_prod_app',
    });
    expect(() => roleNamesFor('my-db"; DROP')).toThrow(RoleNameError);
  });
});

describe.skipIf(!PG_AVAILABLE)(
  `migrations on PostgreSQL (${PG_AVAILABLE ? `PGPORT=${process.env.PGPORT}` : PG_SKIP_REASON})`,
  () => {
    let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
    beforeAll(async () => {
      created = await createPostgresTestDatabase();
    });
    afterAll(() => created?.drop());

    it('two instances starting at once apply each migration exactly once', async () => {
      const [a, b] = await Promise.all([
        PostgresDatabase.open({ adminUrl: created.url }),
        PostgresDatabase.open({ adminUrl: created.url }),
      ]);
      const results = await Promise.all([migrate(a), migrate(b)]);
      expect(results.map((r) => r.applied.length).sort((x, y) => x - y)).toEqual([
        0,
        loadMigrations().length,
      ]);
      expect(a.roles).toEqual(roleNamesFor(created.name));
      await Promise.all([a.close(), b.close()]);
    });

    it('can serve requests through a login as the app role itself, which cannot become the owner', async () => {
      const admin = await PostgresDatabase.open({ adminUrl: created.url });
      await migrate(admin);
      await admin.adminTransaction((tx) => tx.script(`ALTER ROLE ${quoteIdent(admin.roles.app)} LOGIN`));
      const url = new URL(created.url);
      url.username = admin.roles.app;
      url.password = '';
      const db = await PostgresDatabase.open({ adminUrl: created.url, appUrl: url.toString() });
      const tenant = randomUUID();
      await db.transaction({ tenantId: tenant }, (tx) =>
        tx.execute(`INSERT INTO tenants (id, kind, name) VALUES ($1, 'school', 'S')`, [tenant]),
      );
      const seen = await db.transaction({ tenantId: randomUUID() }, (tx) => tx.rows('SELECT * FROM tenants'));
      expect(seen).toEqual([]);
      const who = await db.transaction({ tenantId: tenant }, (tx) =>
        tx.one<{ s: string }>('SELECT session_user AS s'),
      );
      expect(who.s).toBe(admin.roles.app);
      await expect(
        db.transaction({ tenantId: tenant }, (tx) =>
          tx.rows(`SELECT set_config('role', $1, true)`, [admin.roles.owner]),
        ),
      ).rejects.toThrow(/permission denied/);
      await Promise.all([db.close(), admin.close()]);
    });
  },
);
