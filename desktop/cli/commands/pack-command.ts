/**
 * `talemo pack <storyId> --targets lunii,tonies,yoto,tonuino --out <dir> [--json]`: one story
 * for every box. Lunii gets the story as a STUdio pack (it plays choices itself); the boxes
 * that can only skip chapters get its linear version, each choice ending with a spoken prompt
 * naming the chapters to skip to. Each box's files land in `<out>/<target>/`, whole or not at
 * all; the report says what each box received.
 */
import { resolve } from 'node:path';

import type { PackReport, ReportedChapter } from '../../core/packs/build-packs';
import { isPackTarget, PACK_TARGETS, type TargetReport } from '../../core/packs/pack-targets';
import { UsageError, type CliCommand } from '../cli-command';

export const packCommand: CliCommand = {
  name: 'pack',
  usage: `talemo pack <storyId> [--targets ${PACK_TARGETS.join(',')}] --out <dir> [--json]`,
  summary: 'build one story for every box (Lunii, Toniebox, Yoto, TonUINO)',
  options: { targets: { type: 'string' }, out: { type: 'string' } },
  async run(context) {
    if (context.positionals.length !== 1) throw new UsageError('give exactly one story id to pack');
    if (typeof context.values.out !== 'string' || context.values.out.trim() === '')
      throw new UsageError('say where to write the boxes’ folders with --out <dir>');
    const targets = parseTargets(context.values.targets);
    // Why loaded here: the audio and speech code weighs a second that other commands need not pay.
    const { buildPacks } = await import('../../core/packs/build-packs');
    const report = await buildPacks(await context.core(), context.positionals[0]!, {
      targets,
      outDir: resolve(context.values.out),
      signal: context.signal,
      onProgress: context.progress,
    });
    if (context.json) return context.out(JSON.stringify(report, null, 2));
    context.out(humanReport(report));
  },
};

function parseTargets(value: unknown): string[] {
  if (value === undefined) return [...PACK_TARGETS];
  const names = String(value)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = names.find((name) => !isPackTarget(name));
  if (unknown !== undefined || names.length === 0)
    throw new UsageError(
      `${unknown !== undefined ? `unknown box "${unknown}"` : 'no box named'}: --targets takes ${PACK_TARGETS.join(', ')} (comma-separated)`,
    );
  return names;
}

function humanReport(report: PackReport): string {
  const lines = [`Packed "${report.title}" into ${report.outDir}:`];
  for (const target of report.targets) lines.push(...targetLines(target));
  if (report.chapters) {
    lines.push(
      '',
      `Chapters for the boxes that skip chapters${report.voice ? ` (prompts read by ${report.voice.voiceId})` : ''}:`,
    );
    for (const chapter of report.chapters)
      lines.push(`  ${chapter.number}. ${chapter.title}${endingText(chapter)}`);
  }
  for (const note of report.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

function targetLines(target: TargetReport): string[] {
  const bytes = target.files.reduce((total, file) => total + file.bytes, 0);
  const seconds = target.files.reduce((total, file) => total + (file.durationSec ?? 0), 0);
  return [
    `  ${target.target.padEnd(8)} ${target.format}: ${target.files.length} file${target.files.length === 1 ? '' : 's'}, ${formatBytes(bytes)}` +
      `${seconds > 0 ? `, ${seconds.toFixed(1)} s` : ''}${target.chapters.length > 0 ? `, ${target.chapters.length} chapters` : ''} in ${target.folder}`,
    ...target.notes.map((note) => `           ${note}`),
  ];
}

function endingText(chapter: ReportedChapter): string {
  const { ending } = chapter;
  switch (ending.kind) {
    case 'end':
      return ' (ends)';
    case 'next':
      return '';
    case 'jump':
      return ` (then chapter ${ending.chapter})`;
    case 'choice':
      return ` (then ${ending.random ? 'a surprise' : 'a choice'}: ${ending.options.map((o) => `${o.chapter} ${o.label}`).join(', ')})`;
  }
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
