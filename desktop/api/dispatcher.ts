/**
 * The server side of the contract, shared by both transports: validates the input against
 * the method's schema (the renderer is untrusted), runs it on the core, tracks long jobs so
 * they can report progress and be cancelled, and turns every failure into an error payload
 * the UI can show. Internal errors keep their details out of the payload.
 */
import { EventEmitter } from 'node:events';
import { basename } from 'node:path';

import type { Shelf, ShelfModel } from '../core/ai/model-shelf';
import { listBoxes } from '../core/devices/box-directory';
import { isTalemoError } from '../core/errors';
import type { TalemoCore } from '../core/talemo-core';
import {
  contract,
  isMethodName,
  type DraftPreviewPayload,
  type Envelope,
  type ErrorPayload,
  type MethodName,
  type MethodOutput,
  type ModelPayload,
  type ProgressEvent,
} from './contract';

type Parsed<M extends MethodName> = (typeof contract)[M]['input']['_zod']['output'];
type Handler<M extends MethodName> = (
  input: Parsed<M>,
  job: {
    signal: AbortSignal;
    progress: (phase: string, done: number, total: number, preview?: DraftPreviewPayload) => void;
  },
) => Promise<MethodOutput<M>> | MethodOutput<M>;

/** Progress events are thinned to this interval per job so a 100 MB import does not flood the UI. */
const PROGRESS_INTERVAL_MS = 100;
const MAX_EARLY_CANCELS = 100;

export interface Dispatcher {
  dispatch(method: string, input: unknown, jobId?: string): Promise<Envelope<unknown>>;
  /** Emits 'progress' with a ProgressEvent. */
  readonly events: EventEmitter;
}

const yotoSend = () => import('../core/packs/yoto-send');
const yotoUploader = async (core: TalemoCore) =>
  (await import('../core/packs/yoto-uploader')).yotoUploaderFor(core);

export function createDispatcher(
  core: TalemoCore,
  info: { version: string; mode: 'electron' | 'web' },
): Dispatcher {
  const events = new EventEmitter();
  const running = new Map<string, AbortController>();
  /**
   * Cancels that arrived before their job: a Stop pressed while a big pack is still being
   * uploaded. The job is refused as soon as it starts. Bounded, oldest forgotten first.
   */
  const cancelledEarly = new Set<string>();

  const handlers: { [M in MethodName]: Handler<M> } = {
    'app.info': () => ({ ...info, libraryDir: core.library.dir, storyCount: core.library.stories.count() }),
    'stories.list': (query) => core.list(query),
    'stories.search': ({ query, ...filters }) => core.search(query, filters),
    'stories.facets': () => core.library.stories.facets(),
    'stories.get': ({ id }) => core.get(id),
    'stories.create': (input) => core.create(input),
    'stories.update': ({ id, expectedVersion, changes }) => core.update(id, expectedVersion, changes),
    'stories.delete': ({ id, expectedVersion }) => {
      core.delete(id, expectedVersion);
      return { deleted: true as const };
    },
    'studio.import': ({ fileName, data }, job) =>
      core.importStudio({ bytes: data, fileName }, { signal: job.signal, onProgress: job.progress }),
    'studio.export': ({ id }, job) =>
      core.exportStudioToBytes(id, { signal: job.signal, onProgress: job.progress }),
    'duplicates.check': async (input) => ({
      threshold: core.duplicateThreshold(),
      matches: await core.checkDuplicates(input),
    }),
    'duplicates.override': ({ storyId, otherId, reason }) => core.overrideDuplicate(storyId, otherId, reason),
    'duplicates.list': async () => ({
      threshold: core.duplicateThreshold(),
      pairs: await core.duplicatePairs(),
    }),
    'settings.duplicateThreshold': ({ value }) => ({
      threshold: value === undefined ? core.duplicateThreshold() : core.setDuplicateThreshold(value),
    }),
    'search.indexStatus': () => core.indexStatus(),
    'models.list': async ({ language }) => {
      const inUse = await core.drafting.modelInUse();
      return {
        ...modelList(await core.shelf.list(language)),
        drafting: inUse ? { file: basename(inUse.path), source: inUse.source } : null,
      };
    },
    'models.pull': async ({ id }, job) =>
      modelPayload(await core.shelf.pull(id, { signal: job.signal, onProgress: job.progress })),
    'models.remove': async ({ id }) => ({ removed: await core.shelf.remove(id) }),
    'drafts.generate': (request, job) =>
      core.draftStory(request, {
        signal: job.signal,
        onPreview: (preview) => job.progress('drafting', preview.paragraphs.length, 0, preview),
      }),
    'drafts.save': (input) => core.saveDraft(input),
    'chat.reply': async (input, job) => ({
      reply: await core.drafting.chatReply(input, {
        signal: job.signal,
        onPreview: (preview) => job.progress('replying', 0, 0, preview),
      }),
    }),
    'chat.form': (input, job) => core.drafting.chatForm(input, { signal: job.signal }),
    'moderation.report': ({ storyId }) => core.moderationReport(storyId),
    'moderation.approve': ({ storyId, reason }) => core.approveModeration(storyId, reason),
    'assets.read': ({ hash }) => core.library.assets.read(hash),
    'stories.devicePicture': ({ id, nodeId }) => core.devicePicture(id, nodeId),
    'stories.setPicture': ({ id, nodeId, expectedVersion, picture }) =>
      core.setPicture(id, nodeId, expectedVersion, picture),
    'stories.useTitleCard': ({ id, nodeId, expectedVersion }) =>
      core.useTitleCard(id, nodeId, expectedVersion),
    'account.get': () => core.sync.account(),
    'account.signIn': (input) => core.sync.signIn(input),
    'account.signUp': (input) => core.sync.signUp(input),
    'account.signOut': async () => {
      await core.sync.signOut();
      return core.sync.account();
    },
    'account.members': () => core.sync.family.overview(),
    'account.invite': (input) => core.sync.family.invite(input),
    'account.revokeInvitation': async ({ id }) => {
      await core.sync.family.revokeInvitation(id);
      return { revoked: true as const };
    },
    'account.removeMember': async ({ accountId }) => {
      await core.sync.family.removeMember(accountId);
      return { removed: true as const };
    },
    'account.exportData': () => core.sync.family.exportData(),
    'account.eraseData': async ({ familyName }) => ({
      ...(await core.sync.family.eraseData(familyName)),
      account: core.sync.account(),
    }),
    'sync.status': () => core.sync.status(),
    'sync.now': () => core.sync.syncNow(),
    'devices.list': async ({ folders }) => ({ boxes: await listBoxes(folders ?? []) }),
    // Why loaded on use: sending pulls in the pack and audio code, which the app need not load at start.
    'yoto.queue': async () => ({ jobs: await (await yotoSend()).listYotoJobs(core) }),
    'yoto.send': async ({ storyId }, job) =>
      (await yotoSend()).queueStoryForYoto(core, storyId, { signal: job.signal, onProgress: job.progress }),
    'yoto.remove': async ({ id }) => ({ removed: await (await yotoSend()).removeYotoJob(core, id) }),
    'yoto.status': async () => (await yotoUploader(core)).status(),
    'yoto.signIn': async () => (await yotoUploader(core)).signIn(),
    'yoto.signOut': async () => {
      await (await yotoUploader(core)).signOut();
      return { signedOut: true as const };
    },
    'yoto.retry': async ({ id }) => ({
      retried: await (await yotoUploader(core)).retry(id),
    }),
    'packs.writeSdCard': async (request, job) =>
      (await import('../core/packs/sd-card-write')).writeStoryToSdCard(core, request, {
        signal: job.signal,
        onProgress: job.progress,
      }),
    'lunii.info': ({ root }) => core.lunii.info(root),
    'lunii.install': ({ root, storyIds }, job) =>
      core.lunii.install(
        root,
        storyIds.map((id) => ({ storyId: id })),
        { signal: job.signal, onProgress: job.progress },
      ),
    'lunii.installToBoxes': ({ roots, storyIds }, job) =>
      core.lunii.installToBoxes(roots, storyIds, { signal: job.signal, onProgress: job.progress }),
    'lunii.remove': ({ root, pack }) => core.lunii.remove(root, pack),
    'lunii.move': ({ root, pack, position }) => core.lunii.move(root, pack, position),
    'lunii.setHidden': ({ root, pack, hidden }) => core.lunii.setHidden(root, pack, hidden),
    'lunii.setNightMode': ({ root, pack, on }) => core.lunii.setNightMode(root, pack, on),
    'lunii.export': ({ root, pack }, job) =>
      core.lunii.exportToBytes(root, pack, { signal: job.signal, onProgress: job.progress }),
    'narration.voices': async () => ({ voices: await core.narration.voices() }),
    'narration.get': async ({ storyId }) => {
      const story = core.library.stories.get(storyId);
      const nodes = [...core.narration.store.nodes(storyId).values()];
      const voice = await core.narration.voiceFor(story).catch((error: unknown) => {
        if (isTalemoError(error) && error.code === 'no-voice') return null;
        throw error;
      });
      return { voice, nodes };
    },
    'narration.setVoice': ({ storyId, ...voice }) =>
      core.narration.setVoice(core.library.stories.get(storyId), voice),
    'narration.narrate': ({ storyId, replaceRecordings, ...voice }, job) =>
      core.narrate(storyId, {
        voice,
        replaceRecordings: replaceRecordings ?? false,
        signal: job.signal,
        onProgress: (progress) => job.progress('narrating', progress.done, progress.total),
      }),
    'narration.attach': async (input, job) => ({
      story: await core.attachNarration({ ...input, signal: job.signal }),
    }),
    'memos.transcribe': ({ language, ...memo }, job) =>
      core.transcribeMemo(memo, {
        language,
        signal: job.signal,
        onProgress: (done, total) => job.progress('transcribing', done, total),
      }),
    'profiles.list': () => ({ profiles: core.narration.profiles() }),
    'profiles.save': (profile) => core.narration.saveProfile(profile),
    'jobs.cancel': ({ jobId }) => {
      const controller = running.get(jobId);
      if (controller) {
        controller.abort();
        return { cancelled: true };
      }
      cancelledEarly.add(jobId);
      if (cancelledEarly.size > MAX_EARLY_CANCELS)
        cancelledEarly.delete(cancelledEarly.values().next().value!);
      return { cancelled: false };
    },
  };

  async function dispatch(method: string, input: unknown, jobId?: string): Promise<Envelope<unknown>> {
    if (!isMethodName(method))
      return failure({ code: 'invalid-input', message: `Unknown method "${method}".` });
    const spec = contract[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` (${first.path.join('.')})` : '';
      return failure({
        code: 'invalid-input',
        message: `Invalid input for ${method}${where}: ${first?.message}`,
      });
    }
    const controller = new AbortController();
    if (jobId && spec.job) {
      if (running.has(jobId))
        return failure({ code: 'invalid-input', message: `Job ${jobId} is already running.` });
      running.set(jobId, controller);
      if (cancelledEarly.delete(jobId)) controller.abort();
    }
    let last = 0;
    const progress = (phase: string, done: number, total: number, preview?: DraftPreviewPayload): void => {
      const now = Date.now();
      if (!jobId || (done < total && now - last < PROGRESS_INTERVAL_MS)) return;
      last = now;
      const event: ProgressEvent = { jobId, phase, done, total };
      events.emit('progress', preview ? { ...event, preview } : event);
    };
    try {
      const handler = handlers[method] as Handler<MethodName>;
      const value = await handler(parsed.data as never, { signal: controller.signal, progress });
      return { ok: true, value };
    } catch (error) {
      return failure(toPayload(error));
    } finally {
      if (jobId) running.delete(jobId);
    }
  }

  return { dispatch, events };
}

function failure(error: ErrorPayload): Envelope<never> {
  return { ok: false, error };
}

function toPayload(error: unknown): ErrorPayload {
  if (isTalemoError(error)) {
    // A plain object: IPC's structured clone would drop an Error's own fields.
    const payload: ErrorPayload = { code: error.code, message: error.message };
    return error.details ? { ...payload, details: error.details } : payload;
  }
  // Why: a stack trace or a file path is no use to a parent and may leak personal data.
  console.error('[talemo] internal error', error);
  return { code: 'internal', message: 'Something went wrong inside Talemo. Please try again.' };
}

function modelPayload({ entry, installed, sizeOnDiskBytes, resumableBytes }: ShelfModel): ModelPayload {
  const { id, kind, name, description, languages, licence, ramBytes } = entry;
  const sizes = entry.files.map((file) => file.sizeBytes);
  const downloadBytes = sizes.every((size) => typeof size === 'number')
    ? sizes.reduce<number>((total, size) => total + (size ?? 0), 0)
    : null;
  return {
    id,
    kind,
    name,
    description,
    languages,
    licence,
    ramBytes,
    downloadBytes,
    installed,
    sizeOnDiskBytes,
    resumableBytes,
  };
}

function modelList(shelf: Shelf): Omit<MethodOutput<'models.list'>, 'drafting'> {
  const { hardware, recommendation } = shelf;
  return {
    models: shelf.models.map(modelPayload),
    hardware: {
      totalRamBytes: hardware.totalRamBytes,
      cpuCores: hardware.cpuCores,
      gpu: hardware.gpu ? hardware.gpu.deviceNames.join(', ') || hardware.gpu.backend : null,
    },
    recommendation: {
      modelId: recommendation.model?.id ?? null,
      threads: recommendation.threads,
      reason: recommendation.reason,
    },
  };
}
