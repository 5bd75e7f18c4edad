/** The mounted SD card of a DIY box must be there before anything is planned on it. */
import { stat } from 'node:fs/promises';

import { TransferError } from '../../transfer/transfer-error';

export async function ensureSdRoot(sdRoot: string): Promise<void> {
  const isDir = await stat(sdRoot).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new TransferError(
      'not-found',
      `The SD card folder ${sdRoot} is not there: is the card plugged in?`,
    );
  }
}
