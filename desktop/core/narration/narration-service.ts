/**
 * Narration of a story, node by node: synthesised with the story's voice, or recorded and
 * imported by a person. Every node's audio ends as a Lunii-ready MP3 (mono 44.1 kHz, loudness
 * normalised) in the asset store, so packing a story later re-encodes nothing.
 *
 * Why a cache key per node (text + voice fingerprint): a parent fixes one typo in a long story
 * and re-narrates; only that node is synthesised again. Syntheses stay in tts_cache as they are
 * made, so a cancelled run resumes where it stopped, while the story itself is saved only
 * when the whole run succeeds (a cancel leaves it as it was).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import { audioFileDurationSeconds } from '../../../device-bridge/audio/audio-duration';
import type { PreparedAudio } from '../../../device-bridge/audio/prepare-audio';
import type { StageNode, StoryGraph } from '../../../device-bridge/pack/story-graph';
import { SpeechEngineError } from '../../../models/speech/speech-engine-error';
import type { VoiceInfo, VoiceOptions } from '../../../models/speech/voices';
import { TalemoError } from '../errors';
import type { Library } from '../library/library';
import type { Story } from '../story/story';
import { NarrationStore, type ChildProfile, type Speaker, type VoiceSettings } from './narration-store';

/** The longest recording or import accepted in one piece (a 2-hour MP3 at 320 kbit/s). */
export const MAX_ATTACHED_AUDIO_BYTES = 300 * 1024 * 1024;

export interface NarrationEnvironment {
  /** espeak-ng to run, when not the one on PATH (a copy shipped beside the app). */
  espeakPath?: string | undefined;
  /** The Piper worker emitted by the app's build (from source, the .ts one is used). */
  piperWorkerUrl?: URL | undefined;
  /** Installed Piper voice folders. */
  piperModelDirs: () => Promise<string[]>;
}

export interface NarrateOptions {
  voice?: Partial<VoiceSettings>;
  /** Replace recorded and imported audio too (otherwise a person's voice is never overwritten). */
  replaceRecordings?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: NarrationProgress) => void;
}

export interface NarrationProgress {
  done: number;
  total: number;
  nodeId: string;
  /** What happened to that node. */
  outcome: NodeOutcome;
}

export type NodeOutcome = 'synthesised' | 'reused' | 'unchanged' | 'kept' | 'silent';

export interface NarrationResult {
  story: Story;
  voice: VoiceSettings;
  nodes: { nodeId: string; outcome: NodeOutcome }[];
}

export interface AttachAudioInput {
  storyId: string;
  nodeId: string;
  expectedVersion: number;
  fileName: string;
  data: Uint8Array;
  source: 'recording' | 'import';
  speaker: Exclude<Speaker, 'voice'>;
  /** The child speaking, when speaker is 'child': their recording consent is checked. */
  profileId?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** How the service saves a changed graph: through the core, so indexing and checks run. */
export type SaveGraph = (
  id: string,
  expectedVersion: number,
  graph: StoryGraph,
  durationSec: number,
) => Story;

// Why loaded on first use: the codecs and voices weigh about a second of start-up, which every
// CLI command that opens the library would otherwise pay.
const speech = () => import('../../../models/speech/voices');
const audioPipeline = () => import('../../../device-bridge/audio/prepare-audio');

const DEFAULT_RATE = 1;
const DEFAULT_PITCH = 1;

/**
 * Whether a voice has anything to say: a letter or a digit. A page of only punctuation or
 * symbols ("…", "—") reads as silence, which trimming leaves empty and no encoder can take.
 */
function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

export class NarrationService {
  readonly store: NarrationStore;
  readonly #library: Library;
  readonly #env: NarrationEnvironment;
  readonly #saveGraph: SaveGraph;

  constructor(library: Library, env: NarrationEnvironment, saveGraph: SaveGraph) {
    this.#library = library;
    this.#env = env;
    this.#saveGraph = saveGraph;
    this.store = new NarrationStore(library.db);
  }

  async voices(): Promise<VoiceInfo[]> {
    try {
      return await (await speech()).listVoices(await this.#voiceOptions());
    } catch (error) {
      // Why: without espeak-ng no voice works (Piper voices need it for phonemes too).
      if (error instanceof SpeechEngineError && error.code === 'not-installed')
        throw new TalemoError('no-voice', error.message);
      throw error;
    }
  }

  /** The story's voice: the one chosen for it, else the best installed voice in its language. */
  async voiceFor(story: Story, override: Partial<VoiceSettings> = {}): Promise<VoiceSettings> {
    const saved = this.store.voiceSettings(story.id);
    const voiceId = override.voiceId ?? saved?.voiceId ?? (await this.#defaultVoiceId(story.language));
    const settings = {
      voiceId,
      rate: override.rate ?? saved?.rate ?? DEFAULT_RATE,
      pitch: override.pitch ?? saved?.pitch ?? DEFAULT_PITCH,
    };
    const voices = await this.voices();
    if (!voices.some((voice) => voice.id === settings.voiceId))
      throw new TalemoError(
        'no-voice',
        `The voice "${settings.voiceId}" is not available on this computer. Choose another voice.`,
        { voices: voices.map((voice) => voice.id) },
      );
    return settings;
  }

  async setVoice(story: Story, settings: Partial<VoiceSettings>): Promise<VoiceSettings> {
    const voice = await this.voiceFor(story, settings);
    this.store.setVoiceSettings(story.id, voice);
    return voice;
  }

  async narrateStory(story: Story, options: NarrateOptions = {}): Promise<NarrationResult> {
    const voice = await this.voiceFor(story, options.voice);
    const fingerprint = await (await speech()).voiceFingerprint(voice, await this.#voiceOptions());
    const previous = this.store.nodes(story.id);
    const speakable = story.graph.stages.filter((stage) => hasWords(stage.text) || stage.audio);
    const outcomes: { nodeId: string; outcome: NodeOutcome }[] = [];
    const made = new Map<string, { hash: string; cacheKey: string }>();

    for (const [index, stage] of speakable.entries()) {
      throwIfCancelled(options.signal);
      const cacheKey = narrationCacheKey(stage.text, fingerprint);
      const before = previous.get(stage.id);
      let outcome: NodeOutcome;
      // A sound with no record came with an imported pack: a person's work, like a recording.
      const byPerson =
        stage.audio !== null &&
        (before === undefined || before.source === 'recording' || before.source === 'import');
      if (!hasWords(stage.text)) outcome = 'silent';
      else if (byPerson && !options.replaceRecordings) outcome = 'kept';
      else if (before?.cacheKey === cacheKey && stage.audio?.hash === before.audioHash) outcome = 'unchanged';
      else {
        const cached = this.#cachedAudio(cacheKey);
        const hash = cached ?? (await this.#synthesise(stage, voice, cacheKey, options.signal));
        made.set(stage.id, { hash, cacheKey });
        outcome = cached ? 'reused' : 'synthesised';
      }
      outcomes.push({ nodeId: stage.id, outcome });
      options.onProgress?.({ done: index + 1, total: speakable.length, nodeId: stage.id, outcome });
    }

    throwIfCancelled(options.signal);
    const graph = withAudio(story.graph, new Map([...made].map(([id, { hash }]) => [id, hash])));
    const playingTime = await this.#playingTime(graph);
    const saved = this.#library.db
      .transaction(() => {
        this.store.setVoiceSettings(story.id, voice);
        for (const [nodeId, { hash, cacheKey }] of made)
          this.store.recordNode(story.id, {
            nodeId,
            source: 'tts',
            audioHash: hash,
            cacheKey,
            speaker: 'voice',
            profileId: null,
          });
        return made.size === 0 ? story : this.#saveGraph(story.id, story.version, graph, playingTime);
      })
      .immediate();
    return { story: saved, voice, nodes: outcomes };
  }

  /** A person's recording or an imported file as a node's narration. */
  async attachAudio(story: Story, input: AttachAudioInput): Promise<Story> {
    const stage = story.graph.stages.find((node) => node.id === input.nodeId);
    if (!stage) throw new TalemoError('not-found', `This story has no page "${input.nodeId}".`);
    if (input.data.byteLength === 0)
      throw new TalemoError('bad-audio', `${input.fileName} is empty: record or choose the file again.`);
    if (input.data.byteLength > MAX_ATTACHED_AUDIO_BYTES)
      throw new TalemoError(
        'too-large',
        `${input.fileName} is larger than 300 MB: split it into shorter parts.`,
      );
    if (input.speaker === 'child') this.#requireRecordingConsent(input.profileId);

    const raw = this.#library.assets.tempPath(`attach${safeExtension(input.fileName)}`);
    const mp3 = this.#library.assets.tempPath('attach.mp3');
    try {
      await writeFile(raw, input.data);
      await this.#prepare(raw, mp3, input.fileName, input.signal);
      const hash = await this.#adopt(mp3);
      const graph = withAudio(story.graph, new Map([[stage.id, hash]]));
      const playingTime = await this.#playingTime(graph);
      return this.#library.db
        .transaction(() => {
          this.store.recordNode(story.id, {
            nodeId: stage.id,
            source: input.source,
            audioHash: hash,
            cacheKey: null,
            speaker: input.speaker,
            profileId: input.speaker === 'child' ? (input.profileId ?? null) : null,
          });
          return this.#saveGraph(story.id, input.expectedVersion, graph, playingTime);
        })
        .immediate();
    } finally {
      rmSync(raw, { force: true });
      rmSync(mp3, { force: true });
    }
  }

  profiles(): ChildProfile[] {
    return this.store.profiles();
  }

  saveProfile(profile: {
    id?: string | undefined;
    name: string;
    recordingConsent: boolean;
    cloudSyncConsent?: boolean | undefined;
  }): ChildProfile {
    return this.store.saveProfile({ ...profile, id: profile.id ?? randomUUID() });
  }

  #requireRecordingConsent(profileId: string | undefined): void {
    const profile = profileId ? this.store.profile(profileId) : null;
    if (!profile)
      throw new TalemoError('consent-required', 'Say which child is speaking before recording their voice.');
    if (!profile.recordingConsent)
      throw new TalemoError(
        'consent-required',
        `${profile.name}'s voice can be recorded only once a parent turns on the recording consent in the family settings.`,
        { profileId: profile.id },
      );
  }

  async #voiceOptions(): Promise<VoiceOptions> {
    const { espeakPath, piperWorkerUrl } = this.#env;
    return {
      piperModelDirs: await this.#env.piperModelDirs(),
      ...(espeakPath ? { espeakPath } : {}),
      ...(piperWorkerUrl ? { piperWorkerUrl } : {}),
    };
  }

  async #defaultVoiceId(language: string): Promise<string> {
    const voices = await this.voices();
    const voice = (await speech()).defaultVoiceFor(language === 'fr' ? 'fr' : 'en', voices);
    if (!voice)
      throw new TalemoError(
        'no-voice',
        'No voice can read stories on this computer: install espeak-ng (Linux: apt install espeak-ng) or a Piper voice from the AI models page.',
      );
    return voice.id;
  }

  #cachedAudio(cacheKey: string): string | null {
    const cached = this.store.cached(cacheKey);
    return cached && this.#library.assets.get(cached.audioHash) ? cached.audioHash : null;
  }

  async #synthesise(
    stage: StageNode,
    voice: VoiceSettings,
    cacheKey: string,
    signal?: AbortSignal,
  ): Promise<string> {
    const wav = this.#library.assets.tempPath('tts.wav');
    const mp3 = this.#library.assets.tempPath('tts.mp3');
    try {
      await (await speech()).synthesize(stage.text, voice, wav, { signal, ...(await this.#voiceOptions()) });
      const prepared = await this.#prepare(wav, mp3, `the narration of "${stage.name || stage.id}"`, signal);
      const hash = await this.#adopt(mp3);
      this.store.cache(cacheKey, hash, prepared.durationSeconds);
      return hash;
    } finally {
      rmSync(wav, { force: true });
      rmSync(mp3, { force: true });
    }
  }

  async #prepare(input: string, output: string, label: string, signal?: AbortSignal): Promise<PreparedAudio> {
    try {
      return await (await audioPipeline()).prepareAudio(input, output, { target: 'lunii-mp3', signal });
    } catch (error) {
      if (signal?.aborted) throw new TalemoError('cancelled', 'Narration stopped.');
      // Why the replace: the decoders name the file they read, which here is a temp copy.
      const reason = (error instanceof Error ? error.message : String(error)).replaceAll(
        basename(input),
        label,
      );
      throw new TalemoError('bad-audio', reason);
    }
  }

  async #adopt(path: string): Promise<string> {
    const digest = createHash('sha256');
    for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
    const hash = digest.digest('hex');
    this.#library.assets.adoptFile(path, { hash, size: statSync(path).size, mime: 'audio/mpeg' });
    return hash;
  }

  /** Seconds of narration across the story's pages, read from each file's headers. */
  async #playingTime(graph: StoryGraph): Promise<number> {
    let seconds = 0;
    for (const stage of graph.stages)
      if (stage.audio)
        seconds += (await audioFileDurationSeconds(this.#library.assets.path(stage.audio.hash))) ?? 0;
    return Math.round(seconds);
  }
}

/** The narration cache key: the words (spacing folded) and everything that shapes the voice. */
export function narrationCacheKey(text: string, voiceFingerprint: string): string {
  return createHash('sha256')
    .update(voiceFingerprint)
    .update('\n')
    .update(text.replace(/\s+/g, ' ').trim())
    .digest('hex');
}

function withAudio(graph: StoryGraph, audio: Map<string, string>): StoryGraph {
  return {
    ...graph,
    stages: graph.stages.map((stage) => {
      const hash = audio.get(stage.id);
      return hash ? { ...stage, audio: { hash, mime: 'audio/mpeg' as const } } : stage;
    }),
  };
}

function safeExtension(fileName: string): string {
  const extension = extname(fileName).toLowerCase();
  return /^\.[a-z0-9]{1,5}$/.test(extension) ? extension : '';
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TalemoError('cancelled', 'Narration stopped.');
}
