import { describe, expect, it } from 'vitest';

import { ADULT, blockedChild, childValue, speakerFrom } from './speaker-choice';

const zoe = {
  id: 'p-zoe',
  name: 'Zoé',
  recordingConsent: false,
  cloudSyncConsent: false,
  consentChangedAt: '2026-01-01T00:00:00Z',
};
const leo = {
  id: 'p-leo',
  name: 'Léo',
  recordingConsent: true,
  cloudSyncConsent: false,
  consentChangedAt: '2026-01-02T00:00:00Z',
};

describe('who is speaking', () => {
  it('should block a child without recording consent, and only them', () => {
    const profiles = [zoe, leo];
    expect(blockedChild(speakerFrom(childValue(zoe.id), profiles))).toEqual(zoe);
    expect(blockedChild(speakerFrom(childValue(leo.id), profiles))).toBeNull();
    expect(blockedChild(speakerFrom(ADULT, profiles))).toBeNull();
  });

  it('should fall back to a grown-up for a child no longer in the family', () => {
    expect(speakerFrom(childValue('gone'), [leo])).toEqual({ speaker: 'adult' });
    expect(speakerFrom(childValue(leo.id), null)).toEqual({ speaker: 'adult' });
  });
});
