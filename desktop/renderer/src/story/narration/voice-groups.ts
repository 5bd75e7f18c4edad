/**
 * The voice picker's groups: one per language, the story's own language first, so a parent
 * reading a French story never scrolls past fifty espeak-ng languages to find French.
 */
import type { VoicePayload } from '../../../../api/contract';

export interface VoiceGroup {
  /** The voices' language tag as the core gives it ("fr", "en-gb"). */
  language: string;
  voices: VoicePayload[];
}

/** "en-GB" → "en": a story is tagged with a primary language only. */
export function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * Groups voices by language: the story's language (and its regional variants) first, then the
 * others by name. Inside a group Piper comes before espeak-ng (a Piper voice sounds far more
 * natural), then by label.
 */
export function voiceGroups(
  voices: readonly VoicePayload[],
  storyLanguage: string,
  nameOf: (language: string) => string,
): VoiceGroup[] {
  const byLanguage = new Map<string, VoicePayload[]>();
  for (const voice of voices) {
    const group = byLanguage.get(voice.language);
    if (group) group.push(voice);
    else byLanguage.set(voice.language, [voice]);
  }
  const wanted = primaryLanguage(storyLanguage);
  const rank = (language: string): number =>
    language.toLowerCase() === storyLanguage.toLowerCase() ? 0 : primaryLanguage(language) === wanted ? 1 : 2;
  return [...byLanguage]
    .map(([language, members]) => ({ language, voices: members.sort(byEngineThenLabel) }))
    .sort(
      (a, b) => rank(a.language) - rank(b.language) || nameOf(a.language).localeCompare(nameOf(b.language)),
    );
}

function byEngineThenLabel(a: VoicePayload, b: VoicePayload): number {
  const engine = (voice: VoicePayload): number => (voice.engine === 'piper' ? 0 : 1);
  return engine(a) - engine(b) || a.label.localeCompare(b.label);
}
