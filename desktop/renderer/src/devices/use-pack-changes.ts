/**
 * The quick changes to a box's list (move, hide or show, night mode, remove): one at a time,
 * each answered in a moment by the core, which backs the box's index up first and leaves a
 * working box whatever happens. The box is read again after each, done or refused.
 */
import { useState } from 'react';

import { useClient } from '../client-context';
import { errorMessage } from '../error-message';

export type PackChange =
  | { kind: 'move'; position: number }
  | { kind: 'hidden'; hidden: boolean }
  | { kind: 'night'; on: boolean }
  | { kind: 'remove' };

export interface PackChanges {
  /** The pack being changed now, if any. */
  busy: string | null;
  failure: { uuid: string; message: string } | null;
  run: (uuid: string, change: PackChange) => Promise<boolean>;
  dismiss: () => void;
}

export function usePackChanges(root: string, onChanged: () => void): PackChanges {
  const client = useClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ uuid: string; message: string } | null>(null);

  const call = (pack: string, change: PackChange) => {
    switch (change.kind) {
      case 'move':
        return client.call('lunii.move', { root, pack, position: change.position });
      case 'hidden':
        return client.call('lunii.setHidden', { root, pack, hidden: change.hidden });
      case 'night':
        return client.call('lunii.setNightMode', { root, pack, on: change.on });
      case 'remove':
        return client.call('lunii.remove', { root, pack });
    }
  };

  const run = async (uuid: string, change: PackChange): Promise<boolean> => {
    if (busy !== null) return false;
    setBusy(uuid);
    setFailure(null);
    try {
      await call(uuid, change);
      return true;
    } catch (error) {
      setFailure({ uuid, message: errorMessage(error) });
      return false;
    } finally {
      setBusy(null);
      onChanged();
    }
  };

  return { busy, failure, run, dismiss: () => setFailure(null) };
}
