import { describe, expect, it } from 'vitest';

import type { VoicePayload } from '../../../../api/contract';
import { primaryLanguage, voiceGroups } from './voice-groups';

const voice = (id: string, language: string, engine: VoicePayload['engine'] = 'espeak'): VoicePayload => ({
  id,
  engine,
  language,
  label: id,
  sampleRate: 22050,
});

const names: Record<string, string> = {
  de: 'German',
  en: 'English',
  'en-gb': 'British English',
  'en-us': 'American English',
  fr: 'French',
  'fr-be': 'Belgian French',
};
const nameOf = (language: string): string => names[language] ?? language;

describe('the voice picker’s groups', () => {
  const voices = [
    voice('espeak:de', 'de'),
    voice('espeak:en-us', 'en-us'),
    voice('espeak:fr', 'fr'),
    voice('espeak:en-gb', 'en-gb'),
    voice('piper:fr-siwis', 'fr', 'piper'),
    voice('espeak:fr-be', 'fr-be'),
  ];

  it('should put the story’s language first, then its regional variants, then the rest by name', () => {
    expect(voiceGroups(voices, 'fr', nameOf).map((group) => group.language)).toEqual([
      'fr',
      'fr-be',
      'en-us',
      'en-gb',
      'de',
    ]);
  });

  it('should list an English story’s voices first even when no voice is tagged plain "en"', () => {
    const order = voiceGroups(voices, 'en', nameOf).map((group) => group.language);
    expect(order.slice(0, 2).sort()).toEqual(['en-gb', 'en-us']);
    expect(order.slice(2)).toEqual(['fr-be', 'fr', 'de'].sort((a, b) => nameOf(a).localeCompare(nameOf(b))));
  });

  it('should offer a Piper voice before espeak-ng inside a language, and keep every voice once', () => {
    const groups = voiceGroups(voices, 'fr', nameOf);
    expect(groups[0]?.voices.map((item) => item.id)).toEqual(['piper:fr-siwis', 'espeak:fr']);
    expect(groups.flatMap((group) => group.voices).length).toBe(voices.length);
  });

  it('should read the language of a regional tag', () => {
    expect(primaryLanguage('en-GB')).toBe('en');
    expect(primaryLanguage('pt_BR')).toBe('pt');
    expect(primaryLanguage('fr')).toBe('fr');
  });
});
