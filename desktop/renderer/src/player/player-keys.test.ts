import { describe, expect, it } from 'vitest';

import { keyButton, type KeyPress } from './player-keys';

function press(key: string, target: KeyPress['target'] = null, extra: Partial<KeyPress> = {}): KeyPress {
  return { key, altKey: false, ctrlKey: false, metaKey: false, target, ...extra };
}

/** Stand-ins for the element a key was pressed on: only its tag and state matter here. */
const on = (tagName: string, disabled = false) => ({ tagName, disabled }) as unknown as EventTarget;

describe('the keyboard as the box', () => {
  it('should map the arrows, Enter, Space, Escape, H and P to the box buttons', () => {
    expect(
      ['ArrowLeft', 'ArrowRight', 'Enter', ' ', 'Escape', 'h', 'H', 'p', 'P'].map((key) =>
        keyButton(press(key)),
      ),
    ).toEqual(['left', 'right', 'ok', 'ok', 'home', 'home', 'home', 'pause', 'pause']);
    expect(keyButton(press('x'))).toBeNull();
  });

  it('should leave Enter and Space to the button or link they were pressed on, unless it is greyed out', () => {
    expect(keyButton(press('Enter', on('BUTTON')))).toBeNull();
    expect(keyButton(press(' ', on('A')))).toBeNull();
    expect(keyButton(press('Enter', on('BUTTON', true)))).toBe('ok');
    expect(keyButton(press('ArrowRight', on('BUTTON')))).toBe('right');
  });

  it('should ignore typing in fields and shortcuts with modifiers', () => {
    expect(keyButton(press('p', on('INPUT')))).toBeNull();
    expect(keyButton(press('h', on('TEXTAREA')))).toBeNull();
    expect(keyButton(press('ArrowLeft', null, { altKey: true }))).toBeNull();
    expect(keyButton(press('p', null, { ctrlKey: true }))).toBeNull();
  });
});
