/**
 * Re-pages an existing Ogg Opus file without re-encoding: the same Opus packets in new
 * Ogg pages, in the standard or the Tonie layout (what opus2tonie does). An Opus file that
 * is already 48 kHz stereo Opus thus becomes a Tonie file in milliseconds and without a
 * second generation of lossy coding. The input is validated first; a file that fails is
 * refused with the inspector's reasons.
 */
import { createHash } from 'node:crypto';

import { EncodeInputError } from './encode-errors.js';
import { inspectOggOpus, oggOpusConforms } from './ogg-opus-inspect.js';
import { OggPacketAssembler } from './ogg-packet-assembler.js';
import { readOggPages } from './ogg-page-reader.js';
import { OggPageWriter, TONIE_BLOCK_BYTES, type OggLayout } from './ogg-page-writer.js';
import { buildOpusHead, buildOpusTags, parseOpusTags, type OpusTags } from './opus-headers.js';
import { parseOpusPacket } from './opus-packet.js';
import { writeAtomically } from './temp-output-file.js';

const OPUS_RATE = 48_000;
/** teddycloud's custom audio ids are the unix time minus this (devices.md §2.5). */
const TEDDYCLOUD_AUDIO_ID_DEDUCT = 0x50000000;

export interface RepaginateOptions {
  layout: OggLayout;
  /** Default: the input's serial for 'standard', teddycloud's custom audio id for 'tonie'. */
  serial?: number;
  chapterStartsSeconds?: number[];
  signal?: AbortSignal;
}

export interface RepaginateResult {
  path: string;
  bytes: number;
  layout: OggLayout;
  serial: number;
  pageCount: number;
  packetCount: number;
  durationSeconds: number;
  chapterPages: number[];
  chapterBlocks: number[] | null;
  sha1: string;
}

export async function repaginateOggOpus(
  input: string,
  out: string,
  options: RepaginateOptions,
): Promise<RepaginateResult> {
  const report = await inspectOggOpus(input);
  const verdict = oggOpusConforms(report, 'standard');
  if (!verdict.ok)
    throw new EncodeInputError(`${input} is not a sound Ogg Opus file: ${verdict.reasons.join('; ')}`);
  const head = report.head!;
  if (options.layout === 'tonie' && head.channels !== 2) {
    throw new EncodeInputError('the Tonie layout is stereo only; this file is mono: re-encode it as stereo');
  }
  const chapters = options.chapterStartsSeconds ?? [];
  const durationSamples = report.lastGranule - head.preSkip;
  chapters.forEach((t, i) => {
    const sample = Math.round(t * OPUS_RATE);
    if (
      !Number.isFinite(t) ||
      t < 0 ||
      (i > 0 && t < chapters[i - 1]!) ||
      (t > 0 && sample >= durationSamples)
    ) {
      throw new EncodeInputError(
        `chapter starts must be in order and inside the audio; got ${chapters.join(', ')}`,
      );
    }
  });
  const serial =
    options.serial ??
    (options.layout === 'tonie'
      ? Math.floor(Date.now() / 1000) - TEDDYCLOUD_AUDIO_ID_DEDUCT
      : report.serials[0]!);
  const targets = chapters.map((t) => Math.round(t * OPUS_RATE) + head.preSkip);

  return writeAtomically(out, async (file) => {
    const writer = new OggPageWriter({ serial, layout: options.layout });
    const hash = createHash('sha1');
    const write = async (pages: Uint8Array[]): Promise<void> => {
      for (const page of pages) {
        hash.update(page);
        await file.write(page);
      }
    };
    const assembler = new OggPacketAssembler();
    const chapterPages: number[] = [];
    const chapterBlocks: number[] = [];
    let index = 0;
    let granule = 0;
    for await (const event of readOggPages(input)) {
      options.signal?.throwIfAborted();
      if (event.kind !== 'page') continue; // the inspection above found none
      for (const { data } of assembler.push(event.page)) {
        index += 1;
        if (index === 1) continue; // OpusHead: rebuilt below with the tags
        if (index === 2) {
          const headPacket = buildOpusHead(head);
          await write(
            writer.writeHeaders(headPacket, tagsFor(parseOpusTags(data), options.layout, headPacket.length)),
          );
          continue;
        }
        const end = granule + parseOpusPacket(data).samples;
        const added = writer.addPacket(data, end, (targets[chapterPages.length] ?? Infinity) < end);
        while ((targets[chapterPages.length] ?? Infinity) < end) {
          chapterPages.push(added.pageSequence);
          chapterBlocks.push(Math.floor(added.pageOffset / TONIE_BLOCK_BYTES));
        }
        granule = end;
        await write(added.pages);
      }
    }
    await write(writer.finish(report.lastGranule));
    return {
      path: out,
      bytes: writer.byteCount,
      layout: options.layout,
      serial,
      pageCount: writer.pageCount,
      packetCount: report.audioPackets,
      durationSeconds: durationSamples / OPUS_RATE,
      chapterPages,
      chapterBlocks: options.layout === 'tonie' ? chapterBlocks : null,
      sha1: hash.digest('hex'),
    };
  });
}

/**
 * The input's tags, padded to the exact Tonie size; if they do not fit the 0x200-byte
 * header pages, only the vendor string is kept (cut short if need be).
 */
function tagsFor(tags: OpusTags, layout: OggLayout, headLength: number): Uint8Array {
  if (layout === 'standard') return buildOpusTags(tags);
  const length = OggPageWriter.tonieTagsLength(headLength);
  const room = length - 8 - 4 - 4 - 8; // magic, vendor length, comment count, "pad=" comment header
  const bytes = (text: string): number => new TextEncoder().encode(text).length;
  const used = (t: OpusTags): number => bytes(t.vendor) + t.comments.reduce((n, c) => n + 4 + bytes(c), 0);
  if (used(tags) <= room) return buildOpusTags(tags, length);
  const vendor = new TextEncoder().encode(tags.vendor).subarray(0, room);
  return buildOpusTags(
    { vendor: new TextDecoder().decode(vendor).replace(/\uFFFD+$/, ''), comments: [] },
    length,
  );
}
