// The cloud's sync wire format as the desktop sees it. The core may not import cloud/, so these
// mirror cloud/domains/sync/sync-schemas.ts; the end-to-end test runs them against the real server.

export interface RecordingRef {
  sha256: string;
  /** The child whose voice it is; the server refuses it without recording + cloud_sync consent. */
  childId: string;
}

export interface WireChange {
  opId: string;
  storyId: string;
  baseVersion: number;
  body?: Record<string, unknown>;
  deleted?: boolean;
  assets: string[];
  recordings: RecordingRef[];
}

export interface ChangeResult {
  opId: string;
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  storyId: string;
  version?: number;
  conflictCopyId?: string;
  conflictCopyVersion?: number;
  reason?: string;
  message?: string;
}

export interface PulledStory {
  storyId: string;
  version: number;
  cursor: number;
  deleted: boolean;
  body: Record<string, unknown> | null;
  updatedAt: string;
}

export interface PullPage {
  changes: PulledStory[];
  cursor: number;
  more: boolean;
}
