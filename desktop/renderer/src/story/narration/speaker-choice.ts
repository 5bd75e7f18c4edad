/** Who speaks on a recording or an imported file, as the picker holds it and the core wants it. */
import type { ChildProfilePayload } from '../../../../api/contract';

export type Speaker = { speaker: 'adult' } | { speaker: 'child'; profile: ChildProfilePayload };

export const ADULT = 'adult';
const CHILD_PREFIX = 'child:';

export function childValue(profileId: string): string {
  return `${CHILD_PREFIX}${profileId}`;
}

/** The picker's value read back; a child no longer in the family falls back to a grown-up. */
export function speakerFrom(value: string, profiles: readonly ChildProfilePayload[] | null): Speaker {
  if (!value.startsWith(CHILD_PREFIX)) return { speaker: 'adult' };
  const id = value.slice(CHILD_PREFIX.length);
  const profile = profiles?.find((child) => child.id === id);
  return profile ? { speaker: 'child', profile } : { speaker: 'adult' };
}

/** A child's voice may be sent only with their recording consent on. */
export function blockedChild(speaker: Speaker): ChildProfilePayload | null {
  return speaker.speaker === 'child' && !speaker.profile.recordingConsent ? speaker.profile : null;
}
