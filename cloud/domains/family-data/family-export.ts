// All of a tenant's data as one zip: tables/<table>.json for every tenant table, the tenant
// itself and its members (accounts without password hashes), the audit chain's verification,
// and assets/<sha256> for every file sync stored. Built in memory: a family's library is small;
// a school with gigabytes of audio would want a streamed or background export.
import yazl from 'yazl';
import type { Tx } from '../../db/database.js';
import { verifyAudit } from '../audit/audit-log.js';
import type { AssetStore } from '../sync/asset-store.js';
import { tenantRows, tenantTables } from './tenant-tables.js';

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

async function zipToBuffer(zip: yazl.ZipFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
  zip.end();
  return done;
}

export async function exportTenant(
  tx: Tx,
  tenantId: string,
  assets: AssetStore,
  now: Date,
): Promise<{ zip: Buffer; tables: Record<string, number>; assets: number }> {
  const zip = new yazl.ZipFile();
  const mtime = now;
  const tenant = await tx.one('SELECT id, kind, name, created_at FROM tenants WHERE id = $1', [tenantId]);
  const members = await tx.rows(
    `SELECT a.id, a.email, m.profile, m.created_at AS joined_at FROM memberships m
     JOIN accounts a ON a.id = m.account_id WHERE m.tenant_id = $1 ORDER BY m.created_at`,
    [tenantId],
  );
  const counts: Record<string, number> = {};
  for (const table of await tenantTables(tx)) {
    const rows = await tenantRows(tx, table, tenantId);
    counts[table.name] = rows.length;
    zip.addBuffer(json(rows), `tables/${table.name}.json`, { mtime });
  }
  let assetCount = 0;
  if (counts.sync_assets !== undefined) {
    const hashes = await tx.rows<{ sha256: string }>('SELECT sha256 FROM sync_assets WHERE tenant_id = $1', [
      tenantId,
    ]);
    for (const { sha256 } of hashes) {
      const data = await assets.get(tenantId, sha256);
      if (!data) continue; // listed but not stored: the manifest's counts still say it existed
      zip.addBuffer(data, `assets/${sha256}`, { mtime, compress: false });
      assetCount += 1;
    }
  }
  zip.addBuffer(json(tenant), 'tenant.json', { mtime });
  zip.addBuffer(json(members), 'members.json', { mtime });
  zip.addBuffer(json(await verifyAudit(tx, tenantId)), 'audit-verification.json', { mtime });
  zip.addBuffer(
    json({
      format: 'talemo-family-export/1',
      tenantId,
      exportedAt: now.toISOString(),
      tables: counts,
      assets: assetCount,
    }),
    'manifest.json',
    { mtime },
  );
  return { zip: await zipToBuffer(zip), tables: counts, assets: assetCount };
}
