/**
 * Sends the library's Yoto queue while the app runs. The queue (device-bridge yoto-upload-queue)
 * does the sending and keeps every confirmed step on disk; this object adds what the app needs
 * around it: the parent's Yoto sign-in (kept in the library folder), one sending run at a time,
 * the live progress of the job being sent, and when the next try is after Yoto could not be
 * reached. Everything else in Talemo works offline; only this needs an account and the internet.
 */
import type { YotoTokens } from '../../../device-bridge/devices/yoto/yoto-auth';
import { YotoClient } from '../../../device-bridge/devices/yoto/yoto-client';
import type {
  RetryPolicy,
  YotoJobSummary,
  YotoQueueProgress,
  YotoUploadQueue,
} from '../../../device-bridge/devices/yoto/yoto-upload-queue';
import { TalemoError } from '../errors';
import type { TalemoCore } from '../talemo-core';
import { yotoConnectionFromEnv, type YotoConnection } from './yoto-connection';
import { startLoopbackSignIn, type LoopbackSignIn } from './yoto-loopback-sign-in';
import { forgetYotoSignIn, readYotoSignIn, saveYotoSignIn } from './yoto-sign-in-file';
import { WAITING_FOR_SIGN_IN, yotoQueue, yotoStateMessage, type YotoQueuedJob } from './yoto-send';

export type YotoSignInState = 'unavailable' | 'signed-out' | 'signing-in' | 'signed-in';

export interface YotoJobView extends YotoQueuedJob {
  /** Set once the job failed because the Yoto sign-in is gone: sign in again, then retry. */
  needsSignIn: boolean;
  /** The Yoto playlist, once made. */
  cardId?: string;
  /** Audio bytes sent, for the job being sent now. */
  bytesSent?: number;
  bytesTotal?: number;
}

export interface YotoStatus {
  signIn: YotoSignInState;
  /** A sending run is under way (or waiting to try again). */
  sending: boolean;
  /** When Yoto could not be reached: when the next try is (ISO time). */
  retryAt: string | null;
  /** The last problem not shown on a job (Yoto unreachable, a sign-in that failed). */
  problem: string | null;
  jobs: YotoJobView[];
}

export interface YotoUploaderOptions {
  libraryDir: string;
  queue: YotoUploadQueue;
  /** Null: Talemo has no Yoto client to sign in with; jobs wait, and the status says why. */
  connection: YotoConnection | null;
  retry?: RetryPolicy;
  /** After a run gave up on an unreachable Yoto, the next status read starts one no sooner than this. */
  restartAfterMs?: number;
  transcodePollMs?: number;
}

export const WAITING_FOR_YOU_TO_SIGN_IN = 'Waiting for you to sign in to Yoto.';

export class YotoUploader {
  private sending: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private pendingSignIn: LoopbackSignIn | undefined;
  private current: YotoQueueProgress | undefined;
  private retryAt: number | null = null;
  private problem: string | null = null;
  private notBefore = 0;
  private stopped = false;

  constructor(private readonly options: YotoUploaderOptions) {}

  /** The sign-in, the run and every job; starts a run when jobs wait and Yoto may be reachable. */
  async status(): Promise<YotoStatus> {
    const signIn = await this.signInState();
    if (signIn === 'signed-in' && Date.now() >= this.notBefore) this.start();
    const jobs = (await this.options.queue.list()).map((job) => this.view(job, signIn));
    return {
      signIn,
      sending: this.sending !== undefined,
      retryAt: this.retryAt === null ? null : new Date(this.retryAt).toISOString(),
      problem: this.problem,
      jobs,
    };
  }

  /**
   * Starts Yoto's sign-in: resolves with the page the parent opens; Talemo listens for Yoto's
   * answer, saves the sign-in, and starts sending.
   */
  async signIn(): Promise<{ authorizeUrl: string }> {
    const connection = this.options.connection;
    if (!connection) throw new TalemoError('unauthorized', WAITING_FOR_SIGN_IN);
    this.pendingSignIn?.cancel();
    const pending = await startLoopbackSignIn(connection);
    this.pendingSignIn = pending;
    this.problem = null;
    pending.tokens
      .then(async (tokens) => {
        await saveYotoSignIn(this.options.libraryDir, tokens);
        this.notBefore = 0;
        this.start();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TalemoError && error.code === 'cancelled')) this.problem = messageOf(error);
      })
      .finally(() => {
        if (this.pendingSignIn === pending) this.pendingSignIn = undefined;
      });
    return { authorizeUrl: pending.authorizeUrl };
  }

  /** Stops sending and forgets the sign-in; the jobs stay queued. */
  async signOut(): Promise<void> {
    this.pendingSignIn?.cancel();
    await this.stopRun();
    await forgetYotoSignIn(this.options.libraryDir);
  }

  /** Puts a failed job back in line; false when there is no such job or it had not failed. */
  async retry(id: string): Promise<boolean> {
    const job = (await this.options.queue.list()).find((entry) => entry.id === id);
    if (!job) throw new TalemoError('not-found', 'This Yoto upload is no longer in the queue.');
    if (job.state !== 'failed') return false;
    await this.options.queue.retry(id);
    this.notBefore = 0;
    if ((await this.signInState()) === 'signed-in') this.start();
    return true;
  }

  /** Stops everything this object started (the app closing). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pendingSignIn?.cancel();
    await this.stopRun();
  }

  /** Resolves when the current run (if any) ends; for tests and the CLI. */
  async idle(): Promise<void> {
    await this.sending;
  }

  private start(): void {
    if (this.sending || this.stopped || !this.options.connection) return;
    this.sending = this.run(this.options.connection).finally(() => {
      this.sending = undefined;
      this.controller = undefined;
      this.current = undefined;
    });
  }

  private async run(connection: YotoConnection): Promise<void> {
    const tokens = await readYotoSignIn(this.options.libraryDir);
    if (!tokens) return;
    const queue = this.options.queue;
    if (!(await queue.list()).some((job) => job.state === 'waiting')) return;
    const controller = new AbortController();
    this.controller = controller;
    let signInLost = false;
    try {
      const jobs = await queue.process({
        client: this.client(connection, tokens),
        signal: controller.signal,
        retry: this.options.retry ?? { firstDelayMs: 2_000, maxDelayMs: 60_000, maxRetries: 6 },
        onProgress: (progress) => {
          this.current = progress;
          this.retryAt = null;
          this.problem = null;
          if (progress.state === 'failed' && progress.needsSignIn) {
            // Every other job would fail the same way: stop, and let the parent sign in again.
            signInLost = true;
            controller.abort();
          }
        },
        onRetry: ({ delayMs, error }) => {
          this.current = undefined;
          this.retryAt = Date.now() + delayMs;
          this.problem = error.message;
        },
      });
      if (jobs.some((job) => job.state === 'waiting'))
        this.notBefore = Date.now() + (this.options.restartAfterMs ?? 2 * 60_000);
      this.retryAt = null;
    } catch (error) {
      if (!controller.signal.aborted) this.problem = messageOf(error);
    }
    if (signInLost) await forgetYotoSignIn(this.options.libraryDir);
  }

  private client(connection: YotoConnection, tokens: YotoTokens): YotoClient {
    return new YotoClient({
      clientId: connection.clientId,
      tokens,
      // Refresh tokens may rotate: the new one must be kept or the next start is signed out.
      onTokens: (fresh) => saveYotoSignIn(this.options.libraryDir, fresh),
      apiBaseUrl: connection.apiBaseUrl,
      authBaseUrl: connection.authBaseUrl,
      ...(this.options.transcodePollMs !== undefined
        ? { transcodePollMs: this.options.transcodePollMs }
        : {}),
    });
  }

  private async stopRun(): Promise<void> {
    this.controller?.abort();
    await this.sending;
  }

  private async signInState(): Promise<YotoSignInState> {
    if (!this.options.connection) return 'unavailable';
    if (this.pendingSignIn) return 'signing-in';
    return (await readYotoSignIn(this.options.libraryDir)) ? 'signed-in' : 'signed-out';
  }

  private view(job: YotoJobSummary, signIn: YotoSignInState): YotoJobView {
    const live = this.current?.id === job.id && job.state !== 'waiting' ? this.current : undefined;
    return {
      id: job.id,
      title: job.title,
      state: job.state,
      filesDone: job.filesDone,
      filesTotal: job.filesTotal,
      message: message(job, signIn),
      ...(job.reason ? { reason: job.reason } : {}),
      ...(job.createdAt ? { queuedAt: job.createdAt } : {}),
      needsSignIn: job.needsSignIn ?? false,
      ...(job.cardId ? { cardId: job.cardId } : {}),
      ...(live ? { bytesSent: live.bytesSent, bytesTotal: live.bytesTotal } : {}),
    };
  }
}

function message(job: YotoJobSummary, signIn: YotoSignInState): string {
  if (job.state !== 'waiting') return job.message ?? yotoStateMessage(job.state);
  if (signIn === 'unavailable') return WAITING_FOR_SIGN_IN;
  if (signIn !== 'signed-in') return WAITING_FOR_YOU_TO_SIGN_IN;
  return job.message ?? 'Waiting its turn to go to Yoto.';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const uploaders = new WeakMap<TalemoCore, YotoUploader>();

/** The app's one uploader for this library, set up from the environment (yoto-connection.ts). */
export function yotoUploaderFor(core: TalemoCore): YotoUploader {
  let uploader = uploaders.get(core);
  if (!uploader) {
    uploader = new YotoUploader({
      libraryDir: core.library.dir,
      queue: yotoQueue(core),
      connection: yotoConnectionFromEnv(),
    });
    uploaders.set(core, uploader);
    const started = uploader;
    core.onClose(() => started.stop());
  }
  return uploader;
}
