// Applies one push: each change in order, inside the request's transaction, with the tenant's
// cursor locked throughout (change-log.ts). Never loses an edit: a change made from an outdated
// version is stored as a conflict copy, a new story beside the one it would have overwritten.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.js';
import { ForbiddenError } from '../../server/http-errors.js';
import { ConsentRequiredError, missingConsents } from '../consent/consent-check.js';
import { appendChange, lockCursor, saveCursor } from './change-log.js';
import {
  checkStoryQuota,
  conflictCopyBody,
  readDocumentForUpdate,
  writeDocument,
} from './story-documents.js';
import type { Change, ChangeResult } from './sync-schemas.js';

export interface PushContext {
  tx: Tx;
  tenantId: string;
  accountId: string;
  deviceId: string;
  now: Date;
}

interface PushState extends PushContext {
  cursor: number;
}

export async function pushChanges(ctx: PushContext, changes: readonly Change[]): Promise<ChangeResult[]> {
  const state: PushState = { ...ctx, cursor: await lockCursor(ctx.tx, ctx.tenantId) };
  const results: ChangeResult[] = [];
  for (const change of changes) results.push(await pushOne(state, change));
  await saveCursor(ctx.tx, ctx.tenantId, state.cursor);
  return results;
}

async function pushOne(s: PushState, change: Change): Promise<ChangeResult> {
  const earlier = await s.tx.maybeOne<{ result: ChangeResult }>(
    'SELECT result FROM sync_applied_ops WHERE tenant_id = $1 AND device_id = $2 AND op_id = $3',
    [s.tenantId, s.deviceId, change.opId],
  );
  if (earlier) return { ...earlier.result, status: 'duplicate' };

  const refusal = (await missingAssets(s, change)) ?? (await missingConsent(s, change));
  if (refusal) return refusal;

  let result: ChangeResult;
  try {
    result = await applyOrKeepCopy(s, change);
  } catch (error) {
    // Over the story quota: refuse this change only; the rest of the push still applies.
    if (error instanceof ForbiddenError && error.code === 'quota_reached')
      return reject(change, 'quota_reached', error.message);
    throw error;
  }
  const storedAs = result.conflictCopyId ?? (result.status === 'applied' ? change.storyId : undefined);
  if (storedAs) await rememberRecordings(s, change, storedAs);
  await s.tx.execute(
    'INSERT INTO sync_applied_ops (tenant_id, device_id, op_id, result, at) VALUES ($1, $2, $3, $4, $5)',
    [s.tenantId, s.deviceId, change.opId, JSON.stringify(result), s.now],
  );
  return result;
}

async function rememberRecordings(s: PushState, change: Change, storyId: string): Promise<void> {
  for (const r of change.recordings)
    await s.tx.execute(
      `INSERT INTO sync_recordings (tenant_id, sha256, child_id, story_id, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [s.tenantId, r.sha256, r.childId, storyId, s.now],
    );
}

function reject(change: Change, reason: string, message: string): ChangeResult {
  return { opId: change.opId, status: 'rejected', storyId: change.storyId, reason, message };
}

async function missingAssets(s: PushState, change: Change): Promise<ChangeResult | undefined> {
  const wanted = [...new Set([...change.assets, ...change.recordings.map((r) => r.sha256)])];
  if (wanted.length === 0) return undefined;
  const present = await s.tx.rows<{ sha256: string }>(
    'SELECT sha256 FROM sync_assets WHERE tenant_id = $1 AND sha256 = ANY($2::text[])',
    [s.tenantId, wanted],
  );
  const have = new Set(present.map((r) => r.sha256));
  const missing = wanted.filter((h) => !have.has(h));
  if (missing.length === 0) return undefined;
  return reject(
    change,
    'missing_assets',
    `Upload these files first (PUT /sync/assets/<sha256>): ${missing.join(', ')}.`,
  );
}

/** A child's recording is accepted only while that child has recording + cloud_sync consent. */
async function missingConsent(s: PushState, change: Change): Promise<ChangeResult | undefined> {
  for (const childId of new Set(change.recordings.map((r) => r.childId))) {
    const missing = await missingConsents(s.tx, s.tenantId, childId, ['recording', 'cloud_sync']);
    if (missing.length > 0)
      return reject(change, 'consent_required', new ConsentRequiredError(missing).message);
  }
  return undefined;
}

async function applyOrKeepCopy(s: PushState, change: Change): Promise<ChangeResult> {
  const current = await readDocumentForUpdate(s.tx, s.tenantId, change.storyId);
  const currentVersion = current?.version ?? 0;
  const deleted = change.deleted === true;
  if (change.baseVersion === currentVersion) {
    if (!deleted) await checkStoryQuota(s.tx, s.tenantId, change.storyId);
    const version = currentVersion + 1;
    await record(s, change, change.storyId, version, change.baseVersion, deleted ? {} : (change.body ?? {}));
    return { opId: change.opId, status: 'applied', storyId: change.storyId, version };
  }
  // Someone else changed the story since this device saw it. A delete loses to that edit (the
  // edit is newer information); an edit is kept as a copy so both versions survive.
  if (deleted || !change.body) {
    return { opId: change.opId, status: 'conflict', storyId: change.storyId, version: currentVersion };
  }
  const copyId = randomUUID();
  await record(s, change, copyId, 1, 0, conflictCopyBody(change.body));
  return {
    opId: change.opId,
    status: 'conflict',
    storyId: change.storyId,
    version: currentVersion,
    conflictCopyId: copyId,
    conflictCopyVersion: 1,
  };
}

async function record(
  s: PushState,
  change: Change,
  storyId: string,
  version: number,
  baseVersion: number,
  body: Record<string, unknown>,
): Promise<void> {
  s.cursor += 1;
  const deleted = change.deleted === true && storyId === change.storyId;
  await writeDocument(s.tx, s.tenantId, {
    storyId,
    version,
    baseVersion,
    body,
    deleted,
    cursor: s.cursor,
    accountId: s.accountId,
    at: s.now,
  });
  await appendChange(s.tx, s.tenantId, {
    cursor: s.cursor,
    storyId,
    version,
    deleted,
    deviceId: s.deviceId,
    opId: change.opId,
    at: s.now,
  });
}
