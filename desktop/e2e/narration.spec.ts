/**
 * Narration in the real app: espeak-ng reads a story page by page (progress, then a player on
 * every page), a changed page is the only one read again, a page is recorded with Chromium's
 * fake microphone (a beep, see playwright.config.ts) with a re-take, a file is imported, and a
 * child's voice needs the recording consent a parent turns on in the Family dialog.
 */
import type { Locator, Page } from '@playwright/test';

import { EXAMPLES, expect, node, openStory, test } from './fixtures';

const PIP = {
  pages: [
    EXAMPLES.english.coverId,
    EXAMPLES.english.burrowId,
    '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e03',
    '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e04',
  ],
  mothId: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e03',
  friendsId: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e04',
};

// Reading, then turning each page's sound into the box's MP3, takes a few seconds on 2 cores.
const READING_MS = 90_000;

test.describe.configure({ timeout: 180_000 });

/** Remembers every label the reading's progress bar shows, however briefly. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const label = document.querySelector('[data-testid="narration-progress"] .progress-label')?.textContent;
      if (label && seen.at(-1) !== label) seen.push(label);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

function storyId(app: { core: { list: (query: { language: string }) => { id: string }[] } }): string {
  const [summary] = app.core.list({ language: 'en' });
  return summary!.id;
}

async function readAloud(page: Page): Promise<Locator> {
  const panel = page.getByTestId('narration-panel');
  await panel.getByTestId('narration-read').click();
  const summary = panel.getByTestId('narration-summary');
  await expect(summary).toBeVisible({ timeout: READING_MS });
  return summary;
}

/** Records for at least `seconds` with the fake microphone, checking that the meter hears it. */
async function recordFor(page: Page, card: Locator, seconds: number): Promise<void> {
  const status = card.getByTestId('recording-status');
  await expect(status).toContainText('Recording…');
  const meter = card.getByTestId('level-meter');
  await expect(meter).toHaveAttribute('role', 'meter');
  // The fake microphone beeps: the meter must move above zero at some point.
  await expect
    .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await expect(meter).toHaveAttribute('aria-valuetext', /^\d+% — /);
  await expect(status).toContainText(`0:0${seconds}`, { timeout: 10_000 });
  await card.getByTestId('record-stop').click();
  await expect(card.getByTestId('take-audio')).toHaveAttribute('src', /^blob:/);
}

/** A short 16-bit mono WAV of a 440 Hz tone: an ordinary sound file a parent might import. */
function toneWav(seconds: number, sampleRate = 22050): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let index = 0; index < samples; index++) {
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * index) / sampleRate)), 44 + index * 2);
  }
  return wav;
}

test('a story is read aloud page by page, then only the page whose words changed is read again', async ({
  page,
  app,
}) => {
  await openStory(page, app, EXAMPLES.english.title);
  const panel = page.getByTestId('narration-panel');
  // An English story gets an English voice.
  await expect(panel.getByTestId('narration-voice')).toHaveValue(/.+/);
  const voiceGroup = await panel
    .getByTestId('narration-voice')
    .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.parentElement?.getAttribute('label'));
  expect(voiceGroup).toMatch(/English/);

  // The example's pages carry placeholder chimes, which the first reading replaces.
  for (const id of PIP.pages) {
    await expect(node(page, id).getByTestId('narration-origin')).toHaveText(
      'A placeholder chime until the story is read aloud',
    );
  }
  await watchProgress(page);
  const summary = await readAloud(page);

  const seen = await progressSeen(page);
  expect(seen[0]).toBe('Getting the voice ready…');
  expect(seen.some((label) => /^Reading page [2-4] of 4 — \d+%$/.test(label))).toBe(true);
  await expect(summary.getByTestId('narration-outcome')).toHaveText(['4 pages read aloud']);
  for (const id of PIP.pages) {
    const card = node(page, id);
    await expect(card.getByTestId('narration-origin')).toHaveText('Read by the computer voice');
    await expect(card.getByTestId('node-listen')).toBeVisible();
  }
  const before = app.core.get(storyId(app)).story.graph.stages;
  expect(before.every((stage) => stage.audio?.mime === 'audio/mpeg')).toBe(true);

  // The narration plays in the browser: it knows how long it lasts.
  const burrow = node(page, EXAMPLES.english.burrowId);
  await burrow.getByTestId('node-listen').click();
  await expect
    .poll(() =>
      burrow
        .getByTestId('node-audio')
        .evaluate((audio: HTMLAudioElement) => (Number.isFinite(audio.duration) ? audio.duration : 0)),
    )
    .toBeGreaterThan(1);

  // One page's words change; reading again reads that page only.
  await burrow
    .getByTestId('node-text')
    .fill('Pip the mouse had a lantern by her bed, and a brave little heart.');
  await burrow.getByTestId('node-save').click();
  await expect(burrow.getByTestId('node-saved')).toBeVisible();
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  const again = await readAloud(page);
  await expect(again.getByTestId('narration-outcome')).toHaveText(['1 page read aloud', '3 pages unchanged']);

  const after = app.core.get(storyId(app)).story.graph.stages;
  const changed = after.filter(
    (stage) => stage.audio?.hash !== before.find((old) => old.id === stage.id)?.audio?.hash,
  );
  expect(changed.map((stage) => stage.id)).toEqual([EXAMPLES.english.burrowId]);
});

test('a page is recorded with the microphone, taken again, and used; a file can be imported', async ({
  page,
  app,
}) => {
  await openStory(page, app, EXAMPLES.english.title);
  const moth = node(page, PIP.mothId);
  await moth.getByTestId('narration-tools-toggle').click();
  await expect(moth.getByTestId('speaker-select')).toHaveValue('adult');

  await moth.getByTestId('record-start').click();
  await recordFor(page, moth, 2);
  // Not good enough: take it again.
  await moth.getByTestId('take-retake').click();
  await recordFor(page, moth, 2);
  await moth.getByTestId('take-use').click();
  await expect(moth.getByTestId('attach-done')).toBeVisible({ timeout: READING_MS });
  await expect(moth.getByTestId('narration-origin')).toHaveText('Recorded by a grown-up');

  const id = storyId(app);
  const narration = app.core.narration.store.nodes(id).get(PIP.mothId);
  expect(narration).toMatchObject({ source: 'recording', speaker: 'adult', profileId: null });
  const mothAudio = app.core.get(id).story.graph.stages.find((stage) => stage.id === PIP.mothId)?.audio;
  expect(mothAudio).toEqual({ hash: narration!.audioHash, mime: 'audio/mpeg' });

  // A sound file from the computer.
  const friends = node(page, PIP.friendsId);
  await friends.getByTestId('narration-tools-toggle').click();
  await friends
    .getByTestId('import-audio')
    .setInputFiles({ name: 'owl-song.wav', mimeType: 'audio/wav', buffer: toneWav(1.5) });
  await expect(friends.getByTestId('attach-done')).toBeVisible({ timeout: READING_MS });
  await expect(friends.getByTestId('narration-origin')).toHaveText('Imported from a file');

  // Something that is not a sound is refused with the core's words, and the page keeps its sound.
  const burrow = node(page, EXAMPLES.english.burrowId);
  await burrow.getByTestId('narration-tools-toggle').click();
  await burrow.getByTestId('import-audio').setInputFiles({
    name: 'shopping-list.mp3',
    mimeType: 'audio/mpeg',
    buffer: Buffer.from('milk, bread, a lantern for Pip\n'.repeat(40)),
  });
  await expect(burrow.getByTestId('attach-error-message')).toContainText('shopping-list.mp3', {
    timeout: READING_MS,
  });
  await expect(burrow.getByTestId('narration-origin')).toHaveText(
    'A placeholder chime until the story is read aloud',
  );
});

test('a child’s voice is recorded only once a parent turns on the recording consent', async ({
  page,
  app,
}) => {
  await openStory(page, app, EXAMPLES.english.title);
  const panel = page.getByTestId('narration-panel');

  // A parent adds Zoé; the consent starts off.
  await panel.getByTestId('open-family').click();
  const family = page.getByTestId('family-dialog');
  await expect(family).toBeVisible();
  await family.getByTestId('family-name').fill('Zoé');
  await family.getByTestId('family-add').click();
  const zoe = family.getByTestId('family-child').filter({ hasText: 'Zoé' });
  const consent = zoe.getByRole('switch', {
    name: 'Let Talemo keep recordings of Zoé’s voice on this computer. Recordings never leave it unless you also allow cloud sync.',
  });
  await expect(consent).not.toBeChecked();
  await family.getByTestId('family-close').click();
  await expect(family).toHaveCount(0);

  // Zoé without consent: blocked, with the reason and the way to the switch.
  const burrow = node(page, EXAMPLES.english.burrowId);
  await burrow.getByTestId('narration-tools-toggle').click();
  await burrow.getByTestId('speaker-select').selectOption({ label: 'Zoé (no recording consent)' });
  const blocked = burrow.getByTestId('speaker-blocked');
  await expect(blocked).toContainText('Zoé’s voice cannot be recorded yet');
  await expect(blocked).toContainText('Family and recording consent');
  await expect(burrow.getByTestId('record-start')).toBeDisabled();
  await expect(burrow.getByTestId('import-audio')).toBeDisabled();

  await blocked.getByTestId('speaker-open-family').click();
  await consent.check();
  await expect(zoe.getByTestId('consent-state')).toContainText('Allowed since');
  await family.getByTestId('family-close').click();
  await expect(blocked).toHaveCount(0);
  const [profile] = app.core.narration.profiles();
  expect(profile).toMatchObject({ name: 'Zoé', recordingConsent: true });

  await burrow.getByTestId('record-start').click();
  await recordFor(page, burrow, 1);
  await burrow.getByTestId('take-use').click();
  await expect(burrow.getByTestId('attach-done')).toBeVisible({ timeout: READING_MS });
  await expect(burrow.getByTestId('narration-origin')).toHaveText('Recorded by a child');
  const id = storyId(app);
  expect(app.core.narration.store.nodes(id).get(EXAMPLES.english.burrowId)).toMatchObject({
    source: 'recording',
    speaker: 'child',
    profileId: profile!.id,
  });

  // Consent withdrawn elsewhere (another window) while this page still shows it on: the core refuses.
  app.core.narration.saveProfile({ id: profile!.id, name: 'Zoé', recordingConsent: false });
  const moth = node(page, PIP.mothId);
  await moth.getByTestId('narration-tools-toggle').click();
  await moth.getByTestId('speaker-select').selectOption({ label: 'Zoé' });
  await moth.getByTestId('record-start').click();
  await recordFor(page, moth, 1);
  await moth.getByTestId('take-use').click();
  await expect(moth.getByTestId('attach-error-message')).toContainText(
    'recording consent in the family settings',
  );
  // The page learnt the consent is off, and now says so before anything is sent.
  await expect(moth.getByTestId('speaker-blocked')).toContainText('Zoé’s voice cannot be recorded yet');
  await expect(moth.getByTestId('take-use')).toBeDisabled();
  await expect(moth.getByTestId('narration-origin')).toHaveText(
    'A placeholder chime until the story is read aloud',
  );
});
