import { describe, expect, it } from 'vitest';

import { en } from '../../strings';
import { sdCardPhase, sdCardRequest, type SdCardForm } from './sd-card-form';

const base: SdCardForm = { box: 'tonuino', storyId: 's1', root: ' /media/sd ', uid: '', folder: '' };

describe('sdCardRequest', () => {
  it('asks for the story, then the card, in words', () => {
    expect(sdCardRequest({ ...base, storyId: '' }, en.sdCard)).toEqual({
      ok: false,
      problem: 'Choose a story.',
    });
    expect(sdCardRequest({ ...base, root: '  ' }, en.sdCard)).toEqual({
      ok: false,
      problem: 'Say where the SD card is.',
    });
  });

  it('makes a TonUINO request with the folder only when one is typed, and refuses one out of 1–99', () => {
    expect(sdCardRequest(base, en.sdCard)).toEqual({
      ok: true,
      request: { storyId: 's1', box: 'tonuino', root: '/media/sd' },
    });
    expect(sdCardRequest({ ...base, folder: '7' }, en.sdCard)).toMatchObject({
      ok: true,
      request: { folder: 7 },
    });
    for (const folder of ['0', '100', '2.5', 'abc'])
      expect(sdCardRequest({ ...base, folder }, en.sdCard)).toMatchObject({ ok: false });
  });

  it('needs a Toniebox tag UID, and ignores a folder for boxes other than TonUINO', () => {
    expect(sdCardRequest({ ...base, box: 'tonies' }, en.sdCard)).toEqual({
      ok: false,
      problem: 'Type the UID of the Tonie’s tag.',
    });
    expect(sdCardRequest({ ...base, box: 'tonies', uid: ' E0:04 ' }, en.sdCard)).toMatchObject({
      ok: true,
      request: { box: 'tonies', uid: 'E0:04' },
    });
    expect(sdCardRequest({ ...base, box: 'espuino', folder: '3' }, en.sdCard)).toEqual({
      ok: true,
      request: { storyId: 's1', box: 'espuino', root: '/media/sd' },
    });
  });
});

describe('sdCardPhase', () => {
  it('words the card phases and the story’s preparation', () => {
    expect(sdCardPhase('copying', en)).toBe('Copying onto the card');
    expect(sdCardPhase('verifying', en)).toBe('Reading it back to check');
    expect(sdCardPhase('narrating prompts', en)).toBe('Reading the choices aloud');
  });
});
