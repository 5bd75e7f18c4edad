/**
 * At app start, stories left in the Yoto queue (queued offline, or when the app closed
 * mid-send) go on by themselves once the parent is signed in, without waiting for the Boxes
 * page to be opened. The uploader is loaded only when the queue's folder exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { TalemoCore } from '../talemo-core';

/** The queue's folder in the library (here, not in yoto-send, so app start loads no pack builder). */
export const YOTO_QUEUE_FOLDER = 'yoto-queue';

export async function resumeYotoQueue(core: TalemoCore): Promise<void> {
  if (!existsSync(join(core.library.dir, YOTO_QUEUE_FOLDER))) return;
  try {
    const { yotoUploaderFor } = await import('./yoto-uploader');
    // Reading the status starts a run when jobs wait and a sign-in is there.
    await yotoUploaderFor(core).status();
  } catch {
    // Why quiet: the Boxes page reads the same status and shows any problem to the parent.
  }
}
