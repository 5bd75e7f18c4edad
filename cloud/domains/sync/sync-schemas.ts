// The sync wire format, written once in zod: the plugin validates with it and the OpenAPI
// document is generated from it. The desktop client mirrors these shapes (it may not import cloud/).
import { z } from 'zod';

export const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256 (64 characters)');
/** Client-made ids: a device id per installation, an op id per queued change. */
const clientId = z.string().min(1).max(100);

/** A story's content: an open JSON object; `title` names it in lists and in conflict copies. */
export const storyBody = z.record(z.string(), z.unknown());

export const recordingSchema = z.object({
  /** The recording's asset (also listed in `assets`). */
  sha256: SHA256,
  /** The child whose voice it is: refused unless that child has recording + cloud_sync consent. */
  childId: z.uuid(),
});

export const changeSchema = z
  .object({
    opId: clientId,
    storyId: z.uuid(),
    /** The server version this edit started from; 0 for a story new on this device. */
    baseVersion: z.number().int().min(0),
    body: storyBody.optional(),
    deleted: z.boolean().optional(),
    assets: z.array(SHA256).max(500).default([]),
    recordings: z.array(recordingSchema).max(100).default([]),
  })
  .refine((c) => (c.deleted === true) !== (c.body !== undefined), {
    message: 'each change has either a body or "deleted": true, not both',
  });

export type Change = z.output<typeof changeSchema>;

export const pushBody = z.object({
  deviceId: clientId,
  changes: z.array(changeSchema).min(1).max(100),
});

export const changeResultSchema = z.object({
  opId: z.string(),
  /**
   * applied: stored as `version`. duplicate: this op was applied before; the fields repeat that
   * answer. conflict: someone changed the story since `baseVersion`; the edit was kept as a new
   * story `conflictCopyId` (or, for a delete, not applied: the other edit wins). rejected: not
   * stored (`reason`), may be retried once fixed (missing assets uploaded, consent given).
   */
  status: z.enum(['applied', 'duplicate', 'conflict', 'rejected']),
  storyId: z.string(),
  version: z.number().int().optional(),
  conflictCopyId: z.string().optional(),
  conflictCopyVersion: z.number().int().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export type ChangeResult = z.input<typeof changeResultSchema>;

export const pullQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const pulledStorySchema = z.object({
  storyId: z.string(),
  version: z.number().int(),
  cursor: z.number().int(),
  deleted: z.boolean(),
  body: storyBody.nullable(),
  updatedAt: z.string(),
});

export const pullResponse = z.object({
  changes: z.array(pulledStorySchema),
  /** Pass it as `cursor` next time. Equal to the request's cursor when nothing changed. */
  cursor: z.number().int(),
  /** More changes wait beyond `limit`: pull again at once. */
  more: z.boolean(),
});
