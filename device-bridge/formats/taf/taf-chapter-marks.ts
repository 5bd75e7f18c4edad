/**
 * What a TAF's chapter marks (`track_page_nums`) mean. Two conventions exist
 * (research/devices.md §2.4 and "Confirmations"): teddycloud and the hackiebox player read a
 * 4096-byte block index from the start of the Ogg data; opus2tonie writes the Ogg page
 * sequence number. With one page per block the two differ by 2 and both point at real
 * pages, so the marks alone often cannot tell; then the encoder's tags decide, else
 * teddycloud's reading is assumed (the one we write).
 */
import type { OpusTags } from '../../audio/encode/opus-headers.js';
import type { MarkedPage, PayloadWalk } from './taf-payload-walk.js';

export type ChapterConvention = 'block' | 'page';

export interface TafChapter {
  /** The value stored in the header. */
  mark: number;
  /** Offset of the chapter's first page from the start of the Ogg data; null if the mark names no page. */
  offset: number | null;
  pageSequence: number | null;
  /** That page's header-type flags (0x01 continued, 0x02 first, 0x04 last); null if no page. */
  pageFlags: number | null;
  /** Where the chapter starts in the decoded audio; null if the mark names no page. */
  startSeconds: number | null;
}

export interface ChapterReading {
  convention: ChapterConvention;
  /** Why that convention was chosen, in a sentence. */
  basis: string;
  chapters: TafChapter[];
}

const OPUS_RATE = 48_000;
/** opus2tonie copies the OpusTags of opusenc's output, which names its encoder this way. */
const OPUS2TONIE_TAG = 'encoder=opusenc';

export function readChapterMarks(marks: readonly number[], walk: PayloadWalk): ChapterReading {
  const blockOk = marks.every((m) => m === 0 || pageFor('block', m, walk) !== null);
  const pageOk = marks.every((m) => m === 0 || pageFor('page', m, walk) !== null);
  const { convention, basis } = choose(marks, blockOk, pageOk, walk.tags);
  const preSkip = walk.head?.preSkip ?? 0;
  const chapters = marks.map((mark): TafChapter => {
    const page = pageFor(convention, mark, walk);
    if (!page) return { mark, offset: null, pageSequence: null, pageFlags: null, startSeconds: null };
    return {
      mark,
      offset: page.offset,
      pageSequence: page.sequence,
      pageFlags: page.flags,
      startSeconds: mark === 0 ? 0 : Math.max(0, page.granuleBefore - preSkip) / OPUS_RATE,
    };
  });
  return { convention, basis, chapters };
}

/**
 * The first audio page a mark names: mark 0 is the audio start under both conventions
 * (teddycloud reads it at 0x200; opus2tonie's page 0 holds only the OpusHead).
 */
export function pageFor(convention: ChapterConvention, mark: number, walk: PayloadWalk): MarkedPage | null {
  if (mark === 0) return walk.firstAudioPage;
  const page = convention === 'block' ? walk.byBlock.get(mark) : walk.bySequence.get(mark);
  // The two header pages never start a chapter but mark 0.
  return page && page.sequence >= 2 ? page : null;
}

function choose(
  marks: readonly number[],
  blockOk: boolean,
  pageOk: boolean,
  tags: OpusTags | null,
): { convention: ChapterConvention; basis: string } {
  if (marks.every((m) => m === 0))
    return { convention: 'block', basis: 'a single chapter reads the same either way' };
  if (blockOk && !pageOk)
    return { convention: 'block', basis: 'only as 4096-byte block indexes do the marks name pages' };
  if (pageOk && !blockOk)
    return { convention: 'page', basis: 'only as page numbers do the marks name pages' };
  if (!blockOk)
    return {
      convention: 'block',
      basis: 'the marks name no pages either way; read as block indexes (teddycloud)',
    };
  if (tags?.comments.some((c) => c.toLowerCase().startsWith(OPUS2TONIE_TAG)))
    return {
      convention: 'page',
      basis: 'both readings name pages; the tags say opusenc, so opus2tonie page numbers',
    };
  return {
    convention: 'block',
    basis: 'both readings name pages; read as block indexes (teddycloud, the box)',
  };
}
