/**
 * One take from the microphone: MediaRecorder writes the sound while an AnalyserNode measures
 * how loud it is, ten times a second. Everything it opened (the microphone, the audio graph,
 * the timer) is released when the take ends, so the browser's "recording" light goes out.
 */
import { recordingMimeType } from './recording-format';
import { heldLevel, meterLevel, rms } from './sound-level';

const TICK_MS = 100;

export interface TakeListener {
  onLevel: (level: number, seconds: number) => void;
  onRecorded: (blob: Blob, seconds: number) => void;
  onFailed: (error: unknown) => void;
}

export class RecorderUnavailableError extends Error {
  constructor() {
    super('This browser cannot record sound.');
    this.name = 'RecorderUnavailableError';
  }
}

export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
}

export class MicrophoneSession {
  readonly #stream: MediaStream;
  readonly #recorder: MediaRecorder;
  readonly #context: AudioContext | null;
  readonly #timer: number;
  #released = false;

  private constructor(
    stream: MediaStream,
    recorder: MediaRecorder,
    context: AudioContext | null,
    timer: number,
  ) {
    this.#stream = stream;
    this.#recorder = recorder;
    this.#context = context;
    this.#timer = timer;
  }

  /** Asks for the microphone (the browser may ask the user) and starts recording at once. */
  static async open(listener: TakeListener): Promise<MicrophoneSession> {
    if (!canRecord()) throw new RecorderUnavailableError();
    // Why no echo cancellation: nothing plays while a parent records, and it dulls a reading voice.
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: true, autoGainControl: true },
    });
    try {
      const mimeType = recordingMimeType((type) => MediaRecorder.isTypeSupported(type));
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      const { context, sample } = levelProbe(stream);
      const chunks: Blob[] = [];
      const started = performance.now();
      const seconds = (): number => (performance.now() - started) / 1000;
      let level = 0;
      const timer = window.setInterval(() => {
        level = heldLevel(level, sample());
        listener.onLevel(level, seconds());
      }, TICK_MS);
      const session = new MicrophoneSession(stream, recorder, context, timer);
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      recorder.onstop = () => {
        const length = seconds();
        session.release();
        listener.onRecorded(
          new Blob(chunks, { type: recorder.mimeType || mimeType || 'audio/webm' }),
          length,
        );
      };
      recorder.onerror = (event) => {
        session.release();
        listener.onFailed(event);
      };
      // Why a timeslice: the sound arrives in pieces as it is recorded, not in one block at the end.
      recorder.start(1000);
      return session;
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      throw error;
    }
  }

  /** Ends the take; onRecorded follows with the sound. */
  stop(): void {
    if (this.#recorder.state !== 'inactive') this.#recorder.stop();
    else this.release();
  }

  /** Lets go of the microphone without waiting for the sound (the page went away). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    window.clearInterval(this.#timer);
    if (this.#recorder.state !== 'inactive') {
      this.#recorder.onstop = null;
      this.#recorder.stop();
    }
    for (const track of this.#stream.getTracks()) track.stop();
    void this.#context?.close().catch(() => undefined);
  }
}

/** An analyser on the stream; without Web Audio the meter stays at zero and recording still works. */
function levelProbe(stream: MediaStream): { context: AudioContext | null; sample: () => number } {
  if (typeof AudioContext === 'undefined') return { context: null, sample: () => 0 };
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  context.createMediaStreamSource(stream).connect(analyser);
  // Why not awaited: resume() can wait for a user gesture; the meter starts when it may.
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  const buffer = new Float32Array(analyser.fftSize);
  return {
    context,
    sample: () => {
      analyser.getFloatTimeDomainData(buffer);
      return meterLevel(rms(buffer));
    },
  };
}
