/**
 * A story as a Yoto "Make Your Own" playlist: one chapter per story part, one track per audio
 * file, a 16×16 icon per chapter. Built in two steps because a Yoto track can only name its
 * audio after Yoto has transcoded it (`trackUrl: "yoto:#<transcodedSha256>"`):
 *
 * 1. `buildYotoPlaylist` (offline): checks the story, makes the icons, numbers chapters and
 *    tracks. The result is plain data the upload queue stores on disk.
 * 2. `yotoContentBody` (after upload): fills in what Yoto returned and validates the body of
 *    `POST /content` against the documented schema (yoto-content-schema.ts).
 */
import { createHash } from 'node:crypto';

import { sniffImageFormat } from '../../image/image-header.js';
import { decodeImage } from '../../image/image-decode.js';
import { encodePngRgb } from '../../image/png-encode.js';
import { LuniiImageError } from '../../image/lunii-image-error.js';
import {
  YOTO_LANGUAGES,
  yotoContentBodySchema,
  type YotoChapter,
  type YotoContentBody,
  type YotoTrack,
  type YotoTranscodedAudio,
} from './yoto-content-schema.js';
import { YotoError } from './yoto-error.js';
import { defaultYotoIcon, makeYotoIcon } from './yoto-icon.js';

export interface YotoStoryChapter {
  title: string;
  /** Names of the audio files played in order; the bytes are handed to the queue separately. */
  audioFiles: string[];
  /** A story picture (PNG, JPEG or BMP) to make the chapter's icon from. */
  iconImage?: Uint8Array;
}

export interface YotoStoryInput {
  title: string;
  description?: string;
  /** BCP 47 tag of the story's language, e.g. "fr" or "en-GB". */
  language: string;
  chapters: YotoStoryChapter[];
  coverImage?: Uint8Array;
}

export interface YotoPlannedTrack {
  key: string;
  title: string;
  overlayLabel: string;
  audioFile: string;
}

export interface YotoPlannedChapter {
  key: string;
  title: string;
  overlayLabel: string;
  /** Id of the chapter's icon in `YotoPlaylist.icons`. */
  iconId: string;
  tracks: YotoPlannedTrack[];
}

export interface YotoPlaylist {
  title: string;
  description?: string;
  languages?: string[];
  chapters: YotoPlannedChapter[];
  /** 16×16 RGBA PNGs, one per distinct picture; `id` is the SHA-256 of the PNG. */
  icons: { id: string; png: Uint8Array }[];
  cover?: { bytes: Uint8Array; contentType: 'image/png' | 'image/jpeg' };
}

/** Yoto's title limit (https://yoto.dev/reference/card-content-schema: 1 to 100 characters). */
const MAX_TITLE = 100;

export function buildYotoPlaylist(story: YotoStoryInput): YotoPlaylist {
  const title = checkedTitle(story.title, 'The playlist title');
  if (story.chapters.length === 0)
    throw invalid('The story has no chapters; a Yoto playlist needs at least one.');
  const icons = new Map<string, Uint8Array>();
  let trackNumber = 0;
  const chapters = story.chapters.map((chapter, index): YotoPlannedChapter => {
    const chapterTitle = checkedTitle(chapter.title, `The title of chapter ${index + 1}`);
    if (chapter.audioFiles.length === 0)
      throw invalid(`Chapter ${index + 1} ("${chapterTitle}") has no audio.`);
    const png = chapter.iconImage ? makeYotoIcon(chapter.iconImage) : defaultYotoIcon();
    const iconId = sha256Hex(png);
    icons.set(iconId, png);
    const label = String(index + 1);
    return {
      key: twoDigits(index + 1),
      title: chapterTitle,
      overlayLabel: label,
      iconId,
      tracks: chapter.audioFiles.map((audioFile, part) => {
        trackNumber += 1;
        return {
          // Why unique across the playlist: Yoto's examples only show keys unique per chapter, and
          // unique everywhere is valid either way.
          key: twoDigits(trackNumber),
          title: chapter.audioFiles.length === 1 ? chapterTitle : `${chapterTitle} (${part + 1})`,
          overlayLabel: label,
          audioFile,
        };
      }),
    };
  });
  const languages = yotoLanguages(story.language);
  return {
    title,
    ...(story.description?.trim() ? { description: story.description.trim() } : {}),
    ...(languages ? { languages } : {}),
    chapters,
    icons: [...icons].map(([id, png]) => ({ id, png })),
    ...(story.coverImage ? { cover: coverFor(story.coverImage) } : {}),
  };
}

/** What the upload produced, looked up by the names the playlist uses. */
export interface YotoUploadedMedia {
  audio: (audioFile: string) => YotoTranscodedAudio | undefined;
  /** Yoto's `mediaId` of an uploaded icon. */
  iconMediaId: (iconId: string) => string | undefined;
  /** `mediaUrl` of the uploaded cover. */
  coverUrl?: string;
}

/** The validated body of `POST /content`; with `cardId` it updates that playlist. */
export function yotoContentBody(
  playlist: YotoPlaylist,
  media: YotoUploadedMedia,
  cardId?: string,
): YotoContentBody {
  const chapters = playlist.chapters.map((chapter) => contentChapter(chapter, media));
  const duration = sum(chapters.map((chapter) => chapter.duration ?? 0));
  const fileSize = sum(chapters.map((chapter) => chapter.fileSize ?? 0));
  const body = {
    ...(cardId ? { cardId } : {}),
    title: playlist.title,
    content: { chapters, playbackType: 'linear' as const },
    metadata: {
      category: 'stories' as const,
      ...(playlist.description ? { description: playlist.description } : {}),
      ...(playlist.languages ? { languages: playlist.languages } : {}),
      ...(media.coverUrl ? { cover: { imageL: media.coverUrl } } : {}),
      // As the official upload sample does (yoto.dev/myo/uploading-to-cards step 4).
      media: { duration, fileSize, hasStreams: false },
    },
  };
  const parsed = yotoContentBodySchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw invalid(`The Yoto playlist does not match Yoto's documented format (${issues.join('; ')}).`);
  }
  return parsed.data;
}

function contentChapter(chapter: YotoPlannedChapter, media: YotoUploadedMedia): YotoChapter {
  const mediaId = media.iconMediaId(chapter.iconId);
  if (!mediaId) throw invalid(`The icon of chapter "${chapter.title}" has not been uploaded yet.`);
  const icon = `yoto:#${mediaId}`;
  const tracks = chapter.tracks.map((track): YotoTrack => {
    const audio = media.audio(track.audioFile);
    if (!audio) throw invalid(`The audio "${track.audioFile}" has not been transcoded by Yoto yet.`);
    return {
      key: track.key,
      title: track.title,
      trackUrl: `yoto:#${audio.transcodedSha256}`,
      type: 'audio',
      format: audio.format,
      duration: audio.duration,
      fileSize: audio.fileSize,
      ...(audio.channels ? { channels: audio.channels } : {}),
      overlayLabel: track.overlayLabel,
      display: { icon16x16: icon },
    };
  });
  return {
    key: chapter.key,
    title: chapter.title,
    overlayLabel: chapter.overlayLabel,
    tracks,
    duration: sum(tracks.map((track) => track.duration)),
    fileSize: sum(tracks.map((track) => track.fileSize)),
    // "At minimum, you need to set an icon for each chapter" (https://yoto.dev/icons/using-icons).
    display: { icon16x16: icon },
  };
}

/**
 * Yoto lists a handful of language codes (lowercase, e.g. "en-gb"). A regional tag it does not
 * list falls back to its language ("fr-CA" → "fr"); a language it does not list is left out
 * rather than refused: the card plays the same, only Yoto's library filter misses it.
 */
function yotoLanguages(tag: string): string[] | undefined {
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  const known = new Set<string>(YOTO_LANGUAGES);
  if (known.has(lower)) return [lower];
  const base = lower.split('-')[0] ?? '';
  return known.has(base) ? [base] : undefined;
}

/** PNG and JPEG go as they are (Yoto converts covers itself); BMP becomes PNG. */
function coverFor(picture: Uint8Array): NonNullable<YotoPlaylist['cover']> {
  try {
    const format = sniffImageFormat(picture);
    if (format === 'png') return { bytes: picture, contentType: 'image/png' };
    if (format === 'jpeg') return { bytes: picture, contentType: 'image/jpeg' };
    const image = decodeImage(picture);
    const rgb = new Uint8Array(image.width * image.height * 3);
    for (let i = 0; i < image.width * image.height; i += 1)
      rgb.set(image.rgba.subarray(i * 4, i * 4 + 3), i * 3);
    return { bytes: new Uint8Array(encodePngRgb(image.width, image.height, rgb)), contentType: 'image/png' };
  } catch (error) {
    if (error instanceof LuniiImageError)
      throw invalid(`The cover picture cannot be used: ${error.message}`, error);
    throw error;
  }
}

function checkedTitle(raw: string, what: string): string {
  const title = raw.trim();
  if (title.length === 0) throw invalid(`${what} is empty.`);
  if (title.length > MAX_TITLE)
    throw invalid(`${what} is ${title.length} characters long; Yoto allows ${MAX_TITLE}.`);
  return title;
}

function invalid(message: string, cause?: unknown): YotoError {
  return new YotoError('invalid-input', message, cause ? { cause } : undefined);
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
