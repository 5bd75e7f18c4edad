import { describe, expect, it } from 'vitest';

import { contract } from '../../../api/contract';
import { draftRequest, EMPTY_FORM, formFromChat, type CreateForm } from './create-form';
import { savedProvenance } from './use-draft-job';

const PICKED: CreateForm = {
  ...EMPTY_FORM,
  picks: {
    hero: { card: 'dragon', other: '' },
    place: { card: null, other: '  une cabane  ' },
    object: { card: 'piano', other: '' },
    theme: { card: 'courage', other: '' },
  },
  language: 'fr',
  choicePoints: 1,
};

describe('the draft request the Create page sends', () => {
  it('should send the Fabrique picks, cards or own words, with the options', () => {
    const request = draftRequest({ ...PICKED, tone: ' drôle ', problem: 'le piano est cassé' }, 'fabrique');
    expect(request).toEqual({
      mode: 'fabrique',
      hero: 'dragon',
      place: 'une cabane',
      object: 'piano',
      theme: 'courage',
      problem: 'le piano est cassé',
      language: 'fr',
      ageRange: '4-6',
      length: 'short',
      choicePoints: 1,
      tone: 'drôle',
    });
    expect(contract['drafts.generate'].input.safeParse(request).success).toBe(true);
  });

  it('should send nothing while a pick or the prompt is missing, or from the chat tab', () => {
    expect(
      draftRequest({ ...PICKED, picks: { ...PICKED.picks, theme: { card: null, other: ' ' } } }, 'fabrique'),
    ).toBe(null);
    expect(draftRequest({ ...PICKED, prompt: '   ' }, 'prompt')).toBe(null);
    expect(draftRequest(PICKED, 'chat')).toBe(null);
    expect(draftRequest({ ...PICKED, prompt: 'Un renard' }, 'prompt')).toMatchObject({
      mode: 'prompt',
      prompt: 'Un renard',
    });
  });

  it('should fill the Fabrique from the chat as the parent’s own words, within the limits', () => {
    const form = formFromChat(PICKED, {
      hero: 'un panda',
      place: 'x'.repeat(500),
      object: 'un train',
      theme: '',
      problem: 'il a perdu son billet',
      lesson: 'demander de l’aide',
    });
    expect(form.picks.hero).toEqual({ card: null, other: 'un panda' });
    expect(form.picks.place.other).toHaveLength(200);
    expect(form.problem).toBe('il a perdu son billet');
    expect(draftRequest(form, 'fabrique')).toBe(null); // no theme yet: the parent picks one
  });
});

describe('what a kept draft records of how it was made', () => {
  it('should keep the provenance fields the library stores and leave the timings behind', () => {
    const provenance = {
      model: 'tiny.gguf',
      modelName: 'Tiny',
      promptVersion: 'draft-v1',
      mode: 'fabrique',
      seed: 3,
      temperature: 0.8,
      inputTokens: 10,
      outputTokens: 20,
      stopReason: 'eogToken',
      firstTokenMs: 12,
      totalMs: 340,
    };
    const saved = savedProvenance(provenance);
    expect(saved).not.toHaveProperty('firstTokenMs');
    expect(saved).not.toHaveProperty('totalMs');
    expect(contract['drafts.save'].input.shape.provenance.strict().safeParse(saved).success).toBe(true);
  });
});
