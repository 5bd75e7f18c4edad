/**
 * The body of `POST https://api.yotoplay.com/content` (create or update a Make Your Own
 * playlist), as Yoto documents it. Field names and types follow the zod schema Yoto publishes
 * on https://yoto.dev/myo/how-playlists-work (trackSchema, chapterSchema, ambientSchema) and the
 * field table on https://yoto.dev/reference/card-content-schema (card, content, config,
 * metadata). Data shapes only, re-typed here; nothing is copied from Yoto's code.
 *
 * Deliberate differences, each because JSON or our own safety needs it:
 * - Objects are strict (an unknown key fails). Yoto's schema is loose; strict catches a
 *   misspelt field on our side before Yoto silently drops it.
 * - `availableFrom` is `z.date()` in Yoto's schema, which JSON cannot carry; the API reference
 *   example sends a "YYYY-MM-DD" string (https://yoto.dev/api/createorupdatecontent), so a string.
 * - `chapters` needs at least one entry: the reference table says "Minimum 1".
 * UNCONFIRMED: the track example on how-playlists-work shows `"channels": 2` while the schema
 * beside it says `"stereo" | "mono"`; we follow the schema (the create-content example also
 * sends "stereo").
 */
import { z } from 'zod';

/** A 5-character card id (reference table: `^[a-zA-Z0-9]+$`, exactly 5 characters). */
export const yotoCardIdSchema = z.string().regex(/^[a-zA-Z0-9]{5}$/, 'a Yoto card id is 5 letters or digits');

const displaySchema = z.strictObject({
  /** `yoto:#<mediaId>` of an uploaded or public icon, or null for the player's default. */
  icon16x16: z.string().nullable(),
});

const ambientSchema = z.strictObject({
  defaultTrackDisplay: z.string().optional().nullable(),
});

export const yotoTrackSchema = z.strictObject({
  title: z.string(),
  /** `yoto:#<transcodedSha256>` for uploaded audio (https://yoto.dev/myo/uploading-to-cards step 4). */
  trackUrl: z.string(),
  key: z.string(),
  format: z.string(),
  uid: z.string().optional().nullable(),
  type: z.enum(['audio', 'stream']),
  display: displaySchema.optional().nullable(),
  overlayLabelOverride: z.string().nullable().optional(),
  overlayLabel: z.string(),
  ambient: ambientSchema.nullable().optional(),
  /** Seconds. */
  duration: z.number(),
  /** Bytes. */
  fileSize: z.number(),
  channels: z.enum(['stereo', 'mono']).optional(),
});

export const yotoChapterSchema = z.strictObject({
  key: z.string(),
  title: z.string(),
  overlayLabel: z.string().optional(),
  availableFrom: z.string().nullable().optional(),
  overlayLabelOverride: z.string().nullable().optional(),
  tracks: z.array(yotoTrackSchema),
  ambient: ambientSchema.nullable().optional(),
  defaultTrackDisplay: z.string().optional().nullable(),
  defaultTrackAmbient: z.string().optional().nullable(),
  duration: z.number().optional(),
  fileSize: z.number().optional(),
  display: displaySchema,
});

/** https://yoto.dev/reference/card-content-schema "Config" and the card example. */
const configSchema = z.strictObject({
  autoadvance: z.string().optional(),
  resumeTimeout: z.number().optional(),
  systemActivity: z.boolean().optional(),
  trackNumberOverlayTimeout: z.number().optional(),
  onlineOnly: z.boolean().optional(),
});

export const yotoContentSchema = z.strictObject({
  activity: z.string().optional(),
  chapters: z.array(yotoChapterSchema).min(1, 'a Yoto playlist needs at least one chapter'),
  config: configSchema.optional(),
  /** UNCONFIRMED: what "interactive" does on a player; we only send "linear". */
  playbackType: z.enum(['linear', 'interactive']).optional(),
  version: z.string().optional(),
});

/** Language codes listed in the card example on https://yoto.dev/reference/card-content-schema. */
export const YOTO_LANGUAGES = [
  'en',
  'en-gb',
  'en-us',
  'fr',
  'fr-fr',
  'es',
  'es-es',
  'es-419',
  'de',
  'it',
] as const;

/** Categories listed in the same example. */
export const YOTO_CATEGORIES = [
  'none',
  'stories',
  'music',
  'radio',
  'podcast',
  'sfx',
  'activities',
  'alarms',
] as const;

export const yotoMetadataSchema = z.strictObject({
  description: z.string().optional(),
  category: z.enum(YOTO_CATEGORIES).optional(),
  author: z.string().optional(),
  readBy: z.string().optional(),
  /** Kept as a plain string list: the example's list may not be exhaustive (UNCONFIRMED). */
  languages: z.array(z.string()).optional(),
  minAge: z.number().optional(),
  maxAge: z.number().optional(),
  /** `imageL` is the `mediaUrl` a cover upload returns (https://yoto.dev/myo/uploading-cover-images). */
  cover: z.strictObject({ imageL: z.string().optional() }).optional(),
  media: z
    .strictObject({
      duration: z.number().optional(),
      fileSize: z.number().optional(),
      hasStreams: z.boolean().optional(),
    })
    .optional(),
});

export const yotoContentBodySchema = z.strictObject({
  /** Absent: create a new playlist. Present: update that one (https://yoto.dev/api/createorupdatecontent). */
  cardId: yotoCardIdSchema.optional(),
  title: z.string().min(1, 'the title is empty').max(100, 'the title is longer than 100 characters'),
  content: yotoContentSchema,
  metadata: yotoMetadataSchema.optional(),
});

export type YotoTrack = z.infer<typeof yotoTrackSchema>;
export type YotoChapter = z.infer<typeof yotoChapterSchema>;
export type YotoContentBody = z.infer<typeof yotoContentBodySchema>;

/**
 * What `POST /content` and `GET /content/{cardId}` answer: `{ card: {...} }` with the body's
 * fields plus server ones (`_id`, `userId`, `createdAt`, `updatedAt`...). Loose on purpose: Yoto
 * adds fields we do not use (https://yoto.dev/api/getcontent).
 */
export const yotoCardResponseSchema = z.object({
  card: z.looseObject({
    cardId: yotoCardIdSchema,
    title: z.string().optional(),
    content: z.looseObject({ chapters: z.array(z.unknown()).optional() }).optional(),
    metadata: z.looseObject({}).optional(),
  }),
});

export type YotoCard = z.infer<typeof yotoCardResponseSchema>['card'];

/**
 * What a finished transcode tells us about one audio file: `transcode.transcodedSha256` and
 * `transcode.transcodedInfo.{duration, fileSize, channels, format}` of
 * `GET /media/upload/{uploadId}/transcoded` (https://yoto.dev/myo/uploading-to-cards steps 3-4,
 * whose sample copies exactly these four into the track).
 */
export interface YotoTranscodedAudio {
  transcodedSha256: string;
  duration: number;
  fileSize: number;
  format: string;
  channels?: 'stereo' | 'mono';
}
