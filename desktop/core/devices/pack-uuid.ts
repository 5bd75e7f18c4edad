/**
 * The UUID a story's pack has on a box. STUdio and Lunii.QT name a pack by its cover node's
 * UUID, and Talemo's covers are UUIDs, so a story keeps one pack identity across exports and
 * installs (installing it again is recognised as the same pack). A hand-written graph whose
 * cover id is not a UUID gets one derived from the story id, the same every time.
 */
import { createHash } from 'node:crypto';

import type { Story } from '../story/story';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function packUuidFor(story: Pick<Story, 'id' | 'graph'>): string {
  if (UUID.test(story.graph.coverId)) return story.graph.coverId.toLowerCase();
  // RFC 4122 §4.3 layout (version 5, SHA-1 name-based) over a Talemo-specific name.
  const bytes = createHash('sha1').update(`talemo-pack:${story.id}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
