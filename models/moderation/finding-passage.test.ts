import { describe, expect, it } from 'vitest';

import { findingPassage, maskedText } from './finding-passage';
import { findPersonalData } from './personal-data-finder';

function passageOf(text: string, term: string): string {
  const start = text.indexOf(term);
  return findingPassage(text, start, start + term.length, findPersonalData(text));
}

describe('findingPassage', () => {
  it('should not end a sentence at the dots of a phone number or an email address', () => {
    const text =
      'Il dit merde. Puis il appela le 06.12.34.56.78 et écrivit à lea.martin@example.fr puis merde encore. Fin.';
    expect(passageOf(text, 'merde encore')).toBe(
      'Puis il appela le 06.••.••.••.78 et écrivit à l•••@e•••.fr puis merde encore.',
    );
  });

  it('should take a piece of personal data whole rather than cut it at the edge', () => {
    const text = `${'mot '.repeat(40)}06 12 34 56 78 ${'mot '.repeat(25)}merde ${'mot '.repeat(40)}`;
    const passage = passageOf(text, 'merde');
    expect(passage).not.toMatch(/\d{2} \d{2}/);
    expect(passage.startsWith('…')).toBe(true);
  });

  it('should show a finding at the very start or end of the text without an ellipsis', () => {
    expect(passageOf('merde', 'merde')).toBe('merde');
    expect(passageOf('Oh, merde', 'merde')).toBe('Oh, merde');
  });
});

describe('maskedText', () => {
  it('should mask the personal data inside a slice and make it one line', () => {
    const text = 'Note:\n\ncall 06 12 34 56 78\tnow';
    expect(maskedText(text, 0, text.length, findPersonalData(text))).toBe('Note: call 06 •• •• •• 78 now');
  });
});
