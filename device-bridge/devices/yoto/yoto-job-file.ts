/**
 * One upload job on disk: `<queue>/<jobId>/job.json` plus the files it sends
 * (`audio-<n><ext>`, `icon-<n>.png`, `cover.<ext>`). The JSON is the job's memory between runs
 * and restarts: every step Yoto confirms (upload id, PUT finished, transcode result, icon id,
 * card id) is written durably (temp + fsync + rename + folder fsync) before the next step, so
 * a job cut off anywhere resumes after the last confirmed step.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

import { writeFileDurable } from '../../transfer/durable-file.js';

export const JOB_FILE = 'job.json';

const transcodedSchema = z.object({
  transcodedSha256: z.string(),
  duration: z.number(),
  fileSize: z.number(),
  format: z.string(),
  channels: z.enum(['stereo', 'mono']).optional(),
});

const plannedChapterSchema = z.object({
  key: z.string(),
  title: z.string(),
  overlayLabel: z.string(),
  iconId: z.string(),
  tracks: z.array(
    z.object({ key: z.string(), title: z.string(), overlayLabel: z.string(), audioFile: z.string() }),
  ),
});

export const jobAudioSchema = z.object({
  /** The name the playlist's tracks use. */
  name: z.string(),
  /** Our copy, inside the job folder. */
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  uploadId: z.string().optional(),
  /** The bytes reached Yoto (or Yoto already had them); only the transcode is left. */
  putDone: z.boolean().optional(),
  transcoded: transcodedSchema.optional(),
});

export const jobSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  playlist: z.object({
    title: z.string(),
    description: z.string().optional(),
    languages: z.array(z.string()).optional(),
    chapters: z.array(plannedChapterSchema),
  }),
  audio: z.array(jobAudioSchema),
  icons: z.array(z.object({ id: z.string(), file: z.string(), mediaId: z.string().optional() })),
  cover: z.object({ file: z.string(), contentType: z.string(), mediaUrl: z.string().optional() }).optional(),
  /** Set by the caller to update an existing playlist, or by us once Yoto created it. */
  cardId: z.string().optional(),
  status: z.enum(['waiting', 'done', 'failed']),
  /** Why it failed, or why it is waiting again (the last retryable error). */
  message: z.string().optional(),
  /** The same as a code (YotoErrorCode), so an app can word it in its own language. */
  reason: z.string().max(40).optional(),
  /** The failure needs the parent to sign in to Yoto again. */
  needsSignIn: z.boolean().optional(),
});

export type YotoJob = z.infer<typeof jobSchema>;
export type YotoJobAudio = z.infer<typeof jobAudioSchema>;

export class JobFileError extends Error {
  override readonly name = 'JobFileError';
}

export async function readJob(folder: string): Promise<YotoJob> {
  const text = await readFile(join(folder, JOB_FILE), 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new JobFileError(`${JOB_FILE} is not JSON`, { cause: error });
  }
  const parsed = jobSchema.safeParse(raw);
  if (!parsed.success)
    throw new JobFileError(
      `${JOB_FILE} does not match the job format (${parsed.error.issues[0]?.message ?? ''})`,
    );
  return parsed.data;
}

export async function writeJob(folder: string, job: YotoJob): Promise<void> {
  job.updatedAt = new Date().toISOString();
  await writeFileDurable(
    join(folder, JOB_FILE),
    new TextEncoder().encode(`${JSON.stringify(job, null, 2)}\n`),
  );
}
