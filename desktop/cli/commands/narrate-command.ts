/**
 * `talemo narrate <storyId> [--voice <id>] [--rate <0.5–2>] [--pitch <0.5–1.5>]`: reads every
 * page of a story aloud with its voice (espeak-ng, or an installed Piper voice) and keeps the
 * audio on the story. Pages whose words and voice did not change are not read again; pages a
 * person recorded are kept unless --replace-recordings. `--voices` lists the voices.
 */
import { UsageError, type CliCommand } from '../cli-command';

export const narrateCommand: CliCommand = {
  name: 'narrate',
  usage:
    'talemo narrate <storyId> [--voice <id>] [--rate <n>] [--pitch <n>] [--replace-recordings] | --voices',
  summary: 'read a story aloud onto its pages (local voices)',
  options: {
    voice: { type: 'string' },
    rate: { type: 'string' },
    pitch: { type: 'string' },
    'replace-recordings': { type: 'boolean' },
    voices: { type: 'boolean' },
  },
  async run(context) {
    const core = await context.core();
    if (context.values.voices) {
      const voices = await core.narration.voices();
      if (context.json) return context.out(JSON.stringify({ voices }, null, 2));
      for (const voice of voices)
        context.out(`${voice.id.padEnd(32)} ${voice.language.padEnd(8)} ${voice.label}`);
      return;
    }
    const [storyId, ...extra] = context.positionals;
    if (!storyId || extra.length > 0) throw new UsageError('say which story to narrate (one story id)');
    const voice = {
      voiceId: optionalString(context.values.voice),
      rate: optionalNumber(context.values.rate, 'rate', 0.5, 2),
      pitch: optionalNumber(context.values.pitch, 'pitch', 0.5, 1.5),
    };
    const result = await core.narrate(storyId, {
      voice,
      replaceRecordings: context.values['replace-recordings'] === true,
      signal: context.signal,
      onProgress: (progress) => context.progress('narrating', progress.done, progress.total),
    });
    const counts = new Map<string, number>();
    for (const node of result.nodes) counts.set(node.outcome, (counts.get(node.outcome) ?? 0) + 1);
    if (context.json)
      return context.out(
        JSON.stringify(
          {
            storyId,
            version: result.story.version,
            durationSec: result.story.durationSec,
            voice: result.voice,
            nodes: result.nodes,
          },
          null,
          2,
        ),
      );
    const summary = [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
    context.out(
      `Narrated "${result.story.title}" with ${result.voice.voiceId}: ${summary || 'no pages to read'}; ` +
        `plays for ${result.story.durationSec} s.`,
    );
  },
};

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function optionalNumber(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max)
    throw new UsageError(`--${name} takes a number from ${min} to ${max}`);
  return number;
}
