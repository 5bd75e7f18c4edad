/**
 * The one contract between the UI and the core. Every method has a zod schema for what it
 * takes and what it gives; both transports (Electron IPC, loopback HTTP) validate inputs
 * against it at the edge, so the core only ever sees well-formed values.
 *
 * Methods marked `job` are long: they report progress events and can be cancelled with
 * `jobs.cancel`. This file imports zod and the schemas of the core and models only, so the
 * renderer can import it without pulling any Node code.
 */
import { z } from 'zod';

import { storyGraphSchema } from '../../device-bridge/pack/story-graph';
import { DRAFT_INPUT_LIMITS, draftRequestSchema } from '../../models/llm/draft-request';

/** What the UI holds its fields to, so a parent never meets "invalid input" for typing too much. */
export { DRAFT_INPUT_LIMITS };
import {
  ageRangeSchema,
  aiProvenanceSchema,
  languageSchema,
  storyMetaSchema,
  storySchema,
  storySummarySchema,
} from '../core/story/story';

// Why z.custom: z.instanceof narrows to Uint8Array<ArrayBuffer>, but Node hands out Buffers.
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');
const storyId = z.uuid();

export const listQuerySchema = z.object({
  language: languageSchema.optional(),
  ageRange: ageRangeSchema.optional(),
  tags: z.array(z.string().min(1).max(40)).max(10).optional(),
  /** Playing time bounds, in seconds. */
  minDurationSec: z.number().min(0).optional(),
  maxDurationSec: z.number().min(0).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const searchQuerySchema = listQuerySchema.extend({
  query: z.string().trim().min(1, 'type something to search for').max(500),
});

export const searchHitSchema = z.object({
  story: storySummarySchema,
  score: z.number(),
  /** An excerpt around the words found, with matches wrapped in [ and ]. */
  snippet: z.string(),
});

export const duplicateMatchSchema = z.object({
  id: storyId,
  title: z.string(),
  /**
   * How alike, 0 to 1, on the guard's scale shared by every embedder (1: the same text; the
   * default threshold 0.85 is each embedder's measured boundary): models/dedupe/duplicate-score.ts.
   */
  score: z.number(),
  /** The best-matching passage pairs, best first. */
  passages: z.array(z.object({ text: z.string(), otherText: z.string(), score: z.number() })),
});

export const indexStatusSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
  embedderId: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  indexed: z.number().int(),
  message: z.string().optional(),
});

export const graphIssueSchema = z.object({
  code: z.string(),
  nodeId: z.string(),
  message: z.string(),
});

/** What the UI shows of a draft (or a chat reply) while it forms. */
export const draftPreviewSchema = z.object({
  title: z.string(),
  summary: z.string(),
  paragraphs: z.array(z.string()),
});

export const progressEventSchema = z.object({
  jobId: z.string(),
  phase: z.string(),
  done: z.number(),
  total: z.number(),
  preview: draftPreviewSchema.optional(),
});

/** Where a box is mounted (or a folder laid out like one); the core checks it holds a box. */
const boxRoot = z.string().min(1).max(4096);
/** A pack on a box: its UUID or its 8-character folder name. */
const packName = z.string().trim().min(1).max(64);

export const boxSummarySchema = z.object({
  root: z.string(),
  brand: z.enum(['lunii']),
  family: z.string(),
  firmware: z.string(),
  serial: z.string(),
  freeBytes: z.number(),
  totalBytes: z.number(),
  packCount: z.number().int(),
  /** Why the box cannot be used, when it cannot (an unsupported firmware). */
  problem: z.string().nullable(),
});

export const boxPackSchema = z.object({
  uuid: z.string(),
  folderName: z.string(),
  position: z.number().int().nullable(),
  title: z.string().nullable(),
  storyId: z.string().nullable(),
  hidden: z.boolean(),
  present: z.boolean(),
  nightMode: z.boolean(),
  sizeBytes: z.number(),
});

export const luniiBoxSchema = z.object({
  root: z.string(),
  family: z.string(),
  firmware: z.string(),
  serial: z.string(),
  mdVersion: z.number().int(),
  freeBytes: z.number(),
  totalBytes: z.number(),
  readOnly: z.boolean(),
  packs: z.array(boxPackSchema),
  /** What the repair on opening did; `text` is English, with every detail, for the CLI and logs. */
  repairs: z.array(
    z.object({
      code: z.enum([
        'journal-damaged',
        'install-finished',
        'install-undone',
        'remove-finished',
        'hide-finished',
        'show-finished',
        'copy-removed',
        'temp-removed',
        'pack-list-damaged',
        'pack-listed-twice',
        'pack-dropped',
      ]),
      text: z.string(),
      pack: z.string().optional(),
    }),
  ),
  /** What a parent should know about this box; `text` is English, for the CLI and logs. */
  warnings: z.array(
    z.object({ code: z.enum(['wifi-sync', 'firmware-update', 'read-only']), text: z.string() }),
  ),
});

export const packChangeSchema = z.object({
  uuid: z.string(),
  title: z.string(),
  position: z.number().int().nullable(),
});

const serverUrl = z.url({ protocol: /^https?$/ }).max(2000);
const email = z.email().max(320);

export const syncAccountSchema = z.object({
  signedIn: z.boolean(),
  serverUrl: z.string().nullable(),
  email: z.string().nullable(),
  tenantName: z.string().optional(),
  profile: z.string().optional(),
});

export const syncStatusSchema = z.object({
  state: z.enum(['signed-out', 'idle', 'syncing', 'offline', 'error']),
  queued: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  message: z.string().nullable(),
});

const reason = z.string().trim().min(1, 'say why').max(1000);

export const moderationFindingSchema = z.object({
  category: z.string(),
  severity: z.enum(['mild', 'moderate', 'severe']),
  /** What matched; personal data masked. */
  term: z.string(),
  /** The sentence around it, personal data masked. */
  passage: z.string(),
  field: z.enum(['title', 'summary', 'text']),
  nodeId: z.string().nullable(),
  source: z.enum(['list', 'classifier', 'both']),
});

export const moderationReportSchema = z.object({
  status: z.enum(['ok', 'approved', 'flagged']),
  findings: z.array(moderationFindingSchema),
  omitted: z.number().int(),
  decision: z
    .object({ storyId: z.string(), reason: z.string(), decidedAt: z.string(), findings: z.number().int() })
    .nullable(),
});

export const draftProvenanceSchema = aiProvenanceSchema.extend({
  firstTokenMs: z.number().nullable(),
  totalMs: z.number(),
});

export const chatInputPayloadSchema = z.object({
  history: z
    .array(
      z.object({ role: z.enum(['user', 'model']), text: z.string().max(DRAFT_INPUT_LIMITS.chatMessage * 2) }),
    )
    .max(DRAFT_INPUT_LIMITS.chatTurns),
  language: languageSchema,
  ageRange: ageRangeSchema,
});

export const modelPayloadSchema = z.object({
  id: z.string(),
  kind: z.enum(['llm', 'embedding', 'tts', 'stt']),
  name: z.string(),
  description: z.string(),
  languages: z.array(z.string()),
  licence: z.string(),
  ramBytes: z.number(),
  /** What the download weighs (null for an entry without sizes). */
  downloadBytes: z.number().nullable(),
  installed: z.boolean(),
  sizeOnDiskBytes: z.number(),
  resumableBytes: z.number(),
});

export const errorPayloadSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const voiceSchema = z.object({
  id: z.string(),
  engine: z.enum(['espeak', 'piper']),
  language: z.string(),
  label: z.string(),
  sampleRate: z.number(),
});

export const voiceSettingsSchema = z.object({
  voiceId: z.string(),
  rate: z.number(),
  pitch: z.number(),
});

const voiceChoice = {
  voiceId: z.string().min(1).max(200).optional(),
  rate: z.number().min(0.5).max(2).optional(),
  pitch: z.number().min(0.5).max(1.5).optional(),
};

export const NODE_OUTCOMES = ['synthesised', 'reused', 'unchanged', 'kept', 'silent'] as const;

export const nodeNarrationSchema = z.object({
  nodeId: z.string(),
  source: z.enum(['tts', 'recording', 'import', 'placeholder']),
  speaker: z.enum(['adult', 'child', 'voice']),
  /** The child speaking, for a child's recording. */
  profileId: z.string().nullable(),
  madeAt: z.string(),
});

export const childProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  recordingConsent: z.boolean(),
  /** Recordings of this child may go to the family's cloud (with the recording consent too). */
  cloudSyncConsent: z.boolean(),
  consentChangedAt: z.string(),
});

/** A playlist in the Yoto upload queue (desktop/core/packs/yoto-send.ts). */
export const yotoJobSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(['waiting', 'uploading', 'transcoding', 'saving', 'done', 'failed']),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  /** What is happening or what went wrong, for a parent ("Waiting for a Yoto sign-in…"). */
  message: z.string(),
  /** Why it waits or failed, as a code the UI words in its language (Yoto's error codes, or 'damaged'). */
  reason: z.string().optional(),
  queuedAt: z.string().optional(),
});

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  job: boolean;
}

function method<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  job = false,
): MethodSpec<I, O> {
  return { input, output, job };
}

export const contract = {
  'app.info': method(
    z.object({}),
    z.object({
      version: z.string(),
      mode: z.enum(['electron', 'web']),
      libraryDir: z.string(),
      storyCount: z.number().int(),
    }),
  ),
  'stories.list': method(listQuerySchema, z.array(storySummarySchema)),
  'stories.search': method(searchQuerySchema, z.array(searchHitSchema)),
  'stories.facets': method(
    z.object({}),
    z.object({ total: z.number().int(), languages: z.array(z.string()), tags: z.array(z.string()) }),
  ),
  'stories.get': method(
    z.object({ id: storyId }),
    z.object({ story: storySchema, issues: z.array(graphIssueSchema) }),
  ),
  'stories.create': method(
    storyMetaSchema
      .partial()
      .extend({ title: storyMetaSchema.shape.title, graph: storyGraphSchema.optional() }),
    storySchema,
  ),
  'stories.update': method(
    z.object({
      id: storyId,
      expectedVersion: z.number().int().min(1),
      changes: storyMetaSchema.partial().extend({ graph: storyGraphSchema.optional() }),
    }),
    storySchema,
  ),
  'stories.delete': method(
    z.object({ id: storyId, expectedVersion: z.number().int().min(1) }),
    z.object({ deleted: z.literal(true) }),
  ),
  'studio.import': method(
    z.object({ fileName: z.string().min(1).max(255), data: bytes }),
    z.object({
      story: storySummarySchema,
      duplicateOf: storyId.nullable(),
      /** What the duplicate guard flagged; the import is never blocked by it. */
      duplicates: z.array(duplicateMatchSchema),
    }),
    true,
  ),
  'studio.export': method(z.object({ id: storyId }), z.object({ fileName: z.string(), data: bytes }), true),
  'assets.read': method(
    z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) }),
    z.object({ mime: z.string(), data: bytes }),
  ),
  /**
   * What a box's screen shows for one page: its picture framed and reduced to 320×240 and 16
   * colours as the pack compiler does, or the title card drawn for a page without a picture.
   */
  'stories.devicePicture': method(
    z.object({ id: storyId, nodeId: z.string().min(1).max(64) }),
    z.object({ kind: z.enum(['picture', 'title-card']), mime: z.literal('image/png'), data: bytes }),
  ),
  /** A page's picture from a file the parent picked (PNG, JPEG or BMP), or none with `null`. */
  'stories.setPicture': method(
    z.object({
      id: storyId,
      nodeId: z.string().min(1).max(64),
      expectedVersion: z.number().int().min(1),
      picture: z.object({ fileName: z.string().min(1).max(255), data: bytes }).nullable(),
    }),
    storySchema,
  ),
  /** Keeps the page's title card as its picture (a new version of the story). */
  'stories.useTitleCard': method(
    z.object({ id: storyId, nodeId: z.string().min(1).max(64), expectedVersion: z.number().int().min(1) }),
    storySchema,
  ),
  /** The duplicate guard on a text (a draft, a file) or on a stored story. */
  'duplicates.check': method(
    z.union([z.object({ text: z.string().min(1).max(2_000_000) }), z.object({ storyId })]),
    z.object({ threshold: z.number(), matches: z.array(duplicateMatchSchema) }),
  ),
  /** "Not a duplicate": the decision is kept, and the pair is never flagged again. */
  'duplicates.override': method(
    z.object({ storyId, otherId: storyId, reason }),
    z.object({ storyA: storyId, storyB: storyId, reason: z.string(), decidedAt: z.string() }),
  ),
  /** Every pair of library stories the guard flags (stored vectors, the threshold, overrides left out), best first. */
  'duplicates.list': method(
    z.object({}),
    z.object({
      threshold: z.number(),
      pairs: z.array(
        z.object({
          a: z.object({ id: storyId, title: z.string() }),
          b: z.object({ id: storyId, title: z.string() }),
          score: z.number(),
        }),
      ),
    }),
  ),
  /** Reads the library's duplicate threshold, or sets it when `value` is given. */
  'settings.duplicateThreshold': method(
    z.object({ value: z.number().gt(0).max(1).optional() }),
    z.object({ threshold: z.number() }),
  ),
  /** The background re-index of the active embedder's vectors (first run, model switch). */
  'search.indexStatus': method(z.object({}), indexStatusSchema),
  /** The model catalogue, what is installed, and the drafting model this computer suits. */
  'models.list': method(
    z.object({ language: languageSchema.optional() }),
    z.object({
      models: z.array(modelPayloadSchema),
      hardware: z.object({ totalRamBytes: z.number(), cpuCores: z.number(), gpu: z.string().nullable() }),
      recommendation: z.object({ modelId: z.string().nullable(), threads: z.number(), reason: z.string() }),
      /** The model drafts use now (the best installed one, or TALEMO_LLM_MODEL), by file name. */
      drafting: z.object({ file: z.string(), source: z.enum(['environment', 'installed']) }).nullable(),
    }),
  ),
  /** Downloads (or resumes) a catalogue model, with progress in bytes. */
  'models.pull': method(z.object({ id: z.string().min(1).max(200) }), modelPayloadSchema, true),
  'models.remove': method(z.object({ id: z.string().min(1).max(200) }), z.object({ removed: z.boolean() })),
  /** A draft from the local model; previews stream as progress events. Nothing is saved. */
  'drafts.generate': method(
    draftRequestSchema,
    z.object({
      draft: z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('story'),
          title: z.string(),
          summary: z.string(),
          graph: storyGraphSchema,
          truncated: z.boolean(),
          provenance: draftProvenanceSchema,
        }),
        z.object({
          kind: z.literal('page'),
          text: z.string(),
          truncated: z.boolean(),
          provenance: draftProvenanceSchema,
        }),
      ]),
      moderation: moderationReportSchema.nullable(),
      duplicates: z.array(duplicateMatchSchema),
    }),
    true,
  ),
  /** Keeps a draft in the library, marked as AI-written. */
  'drafts.save': method(
    z.object({
      title: storyMetaSchema.shape.title,
      summary: storyMetaSchema.shape.summary,
      graph: storyGraphSchema,
      language: languageSchema,
      ageRange: ageRangeSchema,
      provenance: aiProvenanceSchema,
    }),
    z.object({ story: storySchema, duplicates: z.array(duplicateMatchSchema) }),
  ),
  /** The companion's next reply (streamed as previews). */
  'chat.reply': method(
    chatInputPayloadSchema.extend({ message: z.string().trim().min(1).max(DRAFT_INPUT_LIMITS.chatMessage) }),
    z.object({ reply: z.string() }),
    true,
  ),
  /** The conversation read back as a Fabrique form. */
  'chat.form': method(
    chatInputPayloadSchema,
    z.object({
      hero: z.string(),
      place: z.string(),
      object: z.string(),
      theme: z.string(),
      problem: z.string(),
      lesson: z.string(),
    }),
    true,
  ),
  'moderation.report': method(z.object({ storyId }), moderationReportSchema),
  /** A parent approves what moderation found: the decision is kept, and the story may be packed. */
  'moderation.approve': method(
    z.object({ storyId, reason }),
    z.object({ storyId, reason: z.string(), decidedAt: z.string(), findings: z.number().int() }),
  ),
  /** Voices that can read a story here: espeak-ng's, and installed Piper voices. */
  'narration.voices': method(z.object({}), z.object({ voices: z.array(voiceSchema) })),
  /** The story's voice, and where each page's audio came from. */
  'narration.get': method(
    z.object({ storyId }),
    // voice: null when the story's voice is not available here (the pages still say where their sound came from).
    z.object({ voice: voiceSettingsSchema.nullable(), nodes: z.array(nodeNarrationSchema) }),
  ),
  'narration.setVoice': method(z.object({ storyId, ...voiceChoice }), voiceSettingsSchema),
  /** Reads every page aloud with the story's voice; pages whose words and voice are unchanged are skipped. */
  'narration.narrate': method(
    z.object({ storyId, ...voiceChoice, replaceRecordings: z.boolean().optional() }),
    z.object({
      story: storySchema,
      voice: voiceSettingsSchema,
      nodes: z.array(z.object({ nodeId: z.string(), outcome: z.enum(NODE_OUTCOMES) })),
    }),
    true,
  ),
  /** A recording (the app's recorder) or an imported file as one page's narration. */
  'narration.attach': method(
    z.object({
      storyId,
      nodeId: z.string().min(1).max(64),
      expectedVersion: z.number().int().min(1),
      fileName: z.string().min(1).max(255),
      data: bytes,
      source: z.enum(['recording', 'import']),
      speaker: z.enum(['adult', 'child']),
      profileId: z.string().max(100).optional(),
    }),
    z.object({ story: storySchema }),
    true,
  ),
  /** A voice memo as text with the installed Whisper model (notes for a story draft). */
  'memos.transcribe': method(
    z.object({
      fileName: z.string().min(1).max(255),
      data: bytes,
      language: z.enum(['fr', 'en']).optional(),
    }),
    z.object({
      text: z.string(),
      chunks: z.array(z.object({ text: z.string(), startSeconds: z.number(), endSeconds: z.number() })),
    }),
    true,
  ),
  /** Children of the family, with the recording consent a parent gives for each. */
  'profiles.list': method(z.object({}), z.object({ profiles: z.array(childProfileSchema) })),
  'profiles.save': method(
    z.object({
      id: z.string().max(100).optional(),
      name: z.string().trim().min(1, 'a name').max(100),
      recordingConsent: z.boolean(),
      cloudSyncConsent: z.boolean().optional(),
    }),
    childProfileSchema,
  ),
  /** Boxes plugged in now (and device folders the user added), each with what it holds. */
  'devices.list': method(
    z.object({ folders: z.array(boxRoot).max(20).optional() }),
    z.object({ boxes: z.array(boxSummarySchema) }),
  ),
  /** A Lunii box: its facts and packs, after repairing what an interrupted transfer left. */
  'lunii.info': method(z.object({ root: boxRoot }), luniiBoxSchema),
  /** Stories onto a box, in order: compiled, copied, read back and checked, then listed. */
  'lunii.install': method(
    z.object({ root: boxRoot, storyIds: z.array(storyId).min(1).max(100) }),
    z.object({
      installed: z.array(
        z.object({
          uuid: z.string(),
          folderName: z.string(),
          title: z.string(),
          storyId: z.string().nullable(),
          bytes: z.number(),
        }),
      ),
      safeToUnplug: z.boolean(),
    }),
    true,
  ),
  /** Classroom mode: the same stories onto several boxes; each box's outcome for the report. */
  'lunii.installToBoxes': method(
    z.object({ roots: z.array(boxRoot).min(1).max(60), storyIds: z.array(storyId).min(1).max(100) }),
    z.object({
      boxes: z.array(
        z.object({
          root: z.string(),
          serial: z.string(),
          family: z.string(),
          installed: z.array(z.string()),
          alreadyThere: z.number().int(),
          packs: z.array(z.string()),
          freeBytes: z.number(),
          error: z.string().nullable(),
        }),
      ),
      cancelled: z.boolean(),
    }),
    true,
  ),
  'lunii.remove': method(z.object({ root: boxRoot, pack: packName }), packChangeSchema),
  /** Moves a pack to a place in the box's list (from 1). */
  'lunii.move': method(
    z.object({ root: boxRoot, pack: packName, position: z.number().int().min(1).max(10_000) }),
    packChangeSchema,
  ),
  /** Hidden packs stay on the box but out of its list (and out of Luniistore's reach). */
  'lunii.setHidden': method(
    z.object({ root: boxRoot, pack: packName, hidden: z.boolean() }),
    packChangeSchema,
  ),
  'lunii.setNightMode': method(
    z.object({ root: boxRoot, pack: packName, on: z.boolean() }),
    packChangeSchema,
  ),
  /** A pack off the box as a STUdio zip (for a backup, or to open it in Talemo). */
  'lunii.export': method(
    z.object({ root: boxRoot, pack: packName }),
    z.object({ fileName: z.string(), data: bytes }),
    true,
  ),
  /** Yoto uploads waiting for the internet (and, today, for a Yoto sign-in), oldest first. */
  'yoto.queue': method(z.object({}), z.object({ jobs: z.array(yotoJobSchema) })),
  /** A story made into a Yoto playlist, offline, and queued for upload. */
  'yoto.send': method(z.object({ storyId }), yotoJobSchema, true),
  'yoto.remove': method(z.object({ id: z.string().min(1).max(100) }), z.object({ removed: z.boolean() })),
  /** The Yoto sign-in, the upload under way (bytes sent, next try after a lost connection) and every job. */
  'yoto.status': method(
    z.object({}),
    z.object({
      signIn: z.enum(['unavailable', 'signed-out', 'signing-in', 'signed-in']),
      sending: z.boolean(),
      retryAt: z.string().nullable(),
      problem: z.string().nullable(),
      jobs: z.array(
        yotoJobSchema.extend({
          needsSignIn: z.boolean(),
          cardId: z.string().optional(),
          bytesSent: z.number().optional(),
          bytesTotal: z.number().optional(),
        }),
      ),
    }),
  ),
  /** Starts Yoto's sign-in: the page to open; Talemo hears Yoto's answer on 127.0.0.1, then sends the queue. */
  'yoto.signIn': method(z.object({}), z.object({ authorizeUrl: z.string() })),
  'yoto.signOut': method(z.object({}), z.object({ signedOut: z.literal(true) })),
  /** A failed upload back in line (after signing in again); false when it had not failed. */
  'yoto.retry': method(z.object({ id: z.string().min(1).max(100) }), z.object({ retried: z.boolean() })),
  /** A story onto an SD card: a Toniebox tag's TAF, or a TonUINO / ESPuino folder (desktop/core/packs/sd-card-write.ts). */
  'packs.writeSdCard': method(
    z.object({
      storyId,
      box: z.enum(['tonies', 'tonuino', 'espuino']),
      root: boxRoot,
      /** Toniebox: the tag's UID. */
      uid: z.string().trim().min(1).max(64).optional(),
      /** TonUINO: the folder number (1 to 99); the lowest free one otherwise. */
      folder: z.number().int().min(1).max(99).optional(),
    }),
    z.object({
      box: z.enum(['tonies', 'tonuino', 'espuino']),
      /** Where it is on the card, as the box knows it ("CONTENT/0D0D3F47/0304E050", "07", "/Talemo/Pip"). */
      location: z.string(),
      files: z.array(z.string()),
      replaced: z.boolean(),
      /** What to do next, in words (link a card in album mode, assign a tag to the folder…). */
      note: z.string(),
    }),
    true,
  ),
  /** The family's cloud account this library syncs with, if any. Optional: everything works without. */
  'account.get': method(z.object({}), syncAccountSchema),
  'account.signIn': method(
    z.object({ serverUrl, email, password: z.string().min(1).max(1000) }),
    syncAccountSchema,
  ),
  /** A new account with a new family or school, or joining one by invitation. */
  'account.signUp': method(
    z.object({
      serverUrl,
      email,
      password: z.string().min(12, 'at least 12 characters').max(1000),
      tenant: z
        .object({ kind: z.enum(['family', 'school']), name: z.string().trim().min(1).max(200) })
        .optional(),
      invitation: z.string().min(1).max(4000).optional(),
    }),
    syncAccountSchema,
  ),
  'account.signOut': method(z.object({}), syncAccountSchema),
  /** The signed-in family or school: members, invitations (inviters only) and what you may do. */
  'account.members': method(
    z.object({}),
    z.object({
      family: z.object({ kind: z.enum(['family', 'school']), name: z.string() }),
      you: z.object({ accountId: z.string(), profile: z.string() }),
      members: z.array(
        z.object({
          accountId: z.string(),
          email: z.string().nullable(),
          profile: z.string(),
          profileLabel: z.string(),
          joinedAt: z.string(),
          isYou: z.boolean(),
        }),
      ),
      invitations: z
        .array(
          z.object({
            id: z.string(),
            profile: z.string(),
            createdAt: z.string(),
            expiresAt: z.string(),
            status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
          }),
        )
        .nullable(),
      rights: z.object({
        invite: z.boolean(),
        manage: z.boolean(),
        exportData: z.boolean(),
        eraseData: z.boolean(),
      }),
    }),
  ),
  /** An invitation; its token is answered once, for the inviter to pass on to the person invited. */
  'account.invite': method(
    z.object({
      profile: z
        .string()
        .regex(/^[a-z][a-z0-9_]*$/)
        .max(64),
      expiresInHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .optional(),
    }),
    z.object({ id: z.string(), profile: z.string(), expiresAt: z.string(), token: z.string() }),
  ),
  'account.revokeInvitation': method(z.object({ id: z.uuid() }), z.object({ revoked: z.literal(true) })),
  /** Admins only (the cloud checks): the member's sessions in this family stop at once. */
  'account.removeMember': method(z.object({ accountId: z.uuid() }), z.object({ removed: z.literal(true) })),
  /** Everything the cloud holds of the family, as a zip of JSON files and stored audio (admins). */
  'account.exportData': method(z.object({}), z.object({ fileName: z.string(), data: bytes })),
  /** Erases the family's cloud data once `familyName` matches it; then signs out. Local stories stay. */
  'account.eraseData': method(
    z.object({ familyName: z.string().min(1, 'type the family’s name').max(200) }),
    z.object({ erasedAt: z.string(), rowsErased: z.number().int(), account: syncAccountSchema }),
  ),
  'sync.status': method(z.object({}), syncStatusSchema),
  /** One sync round now (it also runs by itself every half minute while signed in). */
  'sync.now': method(z.object({}), syncStatusSchema),
  'jobs.cancel': method(
    z.object({ jobId: z.string().min(1).max(100) }),
    z.object({ cancelled: z.boolean() }),
  ),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export type ProgressEvent = z.infer<typeof progressEventSchema>;
export type DraftPreviewPayload = z.infer<typeof draftPreviewSchema>;
export type ModerationReportPayload = z.infer<typeof moderationReportSchema>;
export type ModelPayload = z.infer<typeof modelPayloadSchema>;
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;
export type VoicePayload = z.infer<typeof voiceSchema>;
export type NodeNarrationPayload = z.infer<typeof nodeNarrationSchema>;
export type ChildProfilePayload = z.infer<typeof childProfileSchema>;
export type SearchHit = z.infer<typeof searchHitSchema>;
export type DuplicateMatchPayload = z.infer<typeof duplicateMatchSchema>;
export type ListQuery = z.infer<typeof listQuerySchema>;
export type GraphIssuePayload = z.infer<typeof graphIssueSchema>;
export type YotoJobPayload = z.infer<typeof yotoJobSchema>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

/** What a transport hands back: a value, or an error the UI can show as it is. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** The client side of the contract, the same whichever transport carries it. */
export interface TalemoClient {
  call<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    options?: { jobId?: string; onProgress?: (event: ProgressEvent) => void },
  ): Promise<MethodOutput<M>>;
}

/** Raised on the client side when the core answers with an error. */
export class ContractError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ContractError';
    this.code = payload.code;
    this.details = payload.details;
  }
}
