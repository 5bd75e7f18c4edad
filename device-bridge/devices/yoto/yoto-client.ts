/**
 * A client for the part of the Yoto API that makes a "Make Your Own" playlist, following the
 * documented flow (https://yoto.dev/myo/uploading-to-cards):
 *
 * 1. `GET /media/transcode/audio/uploadUrl?sha256=&filename=` → `{ upload: { uploadId, uploadUrl } }`;
 *    `uploadUrl: null` means Yoto already has a file with that SHA-256 (https://yoto.dev/api/getanuploadurl).
 * 2. `PUT <uploadUrl>` with the bytes (yoto-put.ts).
 * 3. `GET /media/upload/{uploadId}/transcoded?loudnorm=false` until `transcode.transcodedSha256` is set.
 * 4. Icons: `POST /media/displayIcons/user/me/upload?autoConvert=false&filename=` (multipart
 *    field `file`) → `{ displayIcon: { mediaId } }` (https://yoto.dev/api/uploadcustomicon).
 *    Cover: `POST /media/coverImage/user/me/upload?autoconvert=true&coverType=myo` (raw body)
 *    → `{ coverImage: { mediaId, mediaUrl } }` (https://yoto.dev/myo/uploading-cover-images).
 * 5. `POST /content` → `{ card }`; `GET /content/{cardId}` → `{ card }`.
 *
 * Every call carries `Authorization: Bearer <access token>`. The token is refreshed shortly
 * before it expires and once after a 401; a refused refresh is a `sign-in` error.
 */
import { z } from 'zod';

import { refreshYotoToken, YOTO_AUTH_BASE_URL, type YotoTokens } from './yoto-auth.js';
import {
  yotoCardResponseSchema,
  type YotoCard,
  type YotoContentBody,
  type YotoTranscodedAudio,
} from './yoto-content-schema.js';
import { SIGN_IN_AGAIN, YotoError } from './yoto-error.js';
import { errorFromResponse, fetchWithDeadline, parseJson, type FetchFunction } from './yoto-http.js';
import { putWithProgress, type PutFunction } from './yoto-put.js';

export const YOTO_API_BASE_URL = 'https://api.yotoplay.com';

export interface YotoClientOptions {
  clientId: string;
  tokens: YotoTokens;
  /** Called with new tokens after a refresh, so the app can store them (refresh tokens may rotate). */
  onTokens?: (tokens: YotoTokens) => void | Promise<void>;
  apiBaseUrl?: string;
  authBaseUrl?: string;
  fetch?: FetchFunction;
  put?: PutFunction;
  /** Per request; for the PUT, how long bytes may stop moving. Default 30 s. */
  timeoutMs?: number;
  /** Between transcode polls; the docs poll every 500 ms. */
  transcodePollMs?: number;
  /** Give up on a transcode after this long. Default 15 minutes. */
  transcodeTimeoutMs?: number;
  now?: () => number;
}

export interface UploadSlot {
  uploadId: string;
  /** null: Yoto already has this file (same SHA-256); skip the PUT. */
  uploadUrl: string | null;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Refresh this long before the access token's stated expiry, so a request never races it. */
const REFRESH_MARGIN_MS = 60_000;

const uploadUrlSchema = z.object({
  upload: z.object({ uploadId: z.string().min(1), uploadUrl: z.string().min(1).nullable().optional() }),
});

/**
 * Only `transcodedSha256` and `transcodedInfo` are documented (uploading-to-cards). UNCONFIRMED:
 * `failedUploadSha256`, which community clients report seeing on failed transcodes; we treat
 * it as a failure if it ever appears.
 */
const transcodeSchema = z.object({
  transcode: z
    .looseObject({
      transcodedSha256: z.string().min(1).nullable().optional(),
      transcodedInfo: z
        .looseObject({
          duration: z.number().optional(),
          fileSize: z.number().optional(),
          format: z.string().optional(),
          channels: z.union([z.enum(['stereo', 'mono']), z.number()]).optional(),
        })
        .nullable()
        .optional(),
      failedUploadSha256: z.string().nullable().optional(),
    })
    .optional(),
});

const iconSchema = z.object({ displayIcon: z.looseObject({ mediaId: z.string().min(1) }) });
const coverSchema = z.object({
  coverImage: z.looseObject({ mediaId: z.string().min(1), mediaUrl: z.string().min(1) }),
});

interface ApiCall {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: BodyInit;
  what: string;
  signal?: AbortSignal;
}

export class YotoClient {
  private tokens: YotoTokens;
  private refreshing: Promise<YotoTokens> | undefined;
  private readonly apiBaseUrl: string;
  private readonly fetchFn: FetchFunction;
  private readonly put: PutFunction;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: YotoClientOptions) {
    this.tokens = options.tokens;
    this.apiBaseUrl = options.apiBaseUrl ?? YOTO_API_BASE_URL;
    this.fetchFn = options.fetch ?? fetch;
    this.put = options.put ?? putWithProgress;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async requestUploadUrl(
    sha256: string,
    filename: string,
    options: RequestOptions = {},
  ): Promise<UploadSlot> {
    const answer = await this.apiJson(
      {
        method: 'GET',
        path: '/media/transcode/audio/uploadUrl',
        query: { sha256, filename },
        what: 'the upload request',
        ...options,
      },
      uploadUrlSchema,
    );
    return { uploadId: answer.upload.uploadId, uploadUrl: answer.upload.uploadUrl ?? null };
  }

  async putAudio(
    uploadUrl: string,
    bytes: Uint8Array,
    contentType: string,
    options: RequestOptions & { onBytes?: (sent: number) => void } = {},
  ): Promise<void> {
    await this.put(uploadUrl, bytes, {
      contentType,
      idleTimeoutMs: this.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onBytes ? { onBytes: options.onBytes } : {}),
    });
  }

  /** Polls until Yoto has transcoded the upload; `onPoll` is told each time it is not ready yet. */
  async waitForTranscode(
    uploadId: string,
    options: RequestOptions & { onPoll?: (polls: number) => void } = {},
  ): Promise<YotoTranscodedAudio> {
    const pollMs = this.options.transcodePollMs ?? 500;
    const giveUpAt = this.now() + (this.options.transcodeTimeoutMs ?? 15 * 60_000);
    for (let polls = 1; ; polls += 1) {
      const answer = await this.apiJson(
        {
          method: 'GET',
          path: `/media/upload/${encodeURIComponent(uploadId)}/transcoded`,
          query: { loudnorm: 'false' },
          what: 'the transcode status',
          ...options,
        },
        transcodeSchema,
      );
      const transcode = answer.transcode;
      if (transcode?.failedUploadSha256) {
        throw new YotoError(
          'transcode-failed',
          'Yoto could not convert this audio file for its players. Check that it plays, or export it again as MP3.',
        );
      }
      if (transcode?.transcodedSha256)
        return transcodedAudio(transcode.transcodedSha256, transcode.transcodedInfo ?? undefined);
      options.onPoll?.(polls);
      if (this.now() > giveUpAt)
        throw new YotoError(
          'transcode-failed',
          'Yoto took too long to convert an audio file. Talemo will try again later.',
        );
      await sleep(pollMs, options.signal);
    }
  }

  /** The whole audio flow for one file: dedupe by SHA-256, PUT when needed, wait for the transcode. */
  async uploadAudio(
    bytes: Uint8Array,
    file: { sha256: string; filename: string; contentType: string },
    options: RequestOptions & { onBytes?: (sent: number) => void } = {},
  ): Promise<{ uploadId: string; deduplicated: boolean; transcoded: YotoTranscodedAudio }> {
    const slot = await this.requestUploadUrl(file.sha256, file.filename, options);
    if (slot.uploadUrl) await this.putAudio(slot.uploadUrl, bytes, file.contentType, options);
    else options.onBytes?.(bytes.length);
    const transcoded = await this.waitForTranscode(slot.uploadId, options);
    return { uploadId: slot.uploadId, deduplicated: slot.uploadUrl === null, transcoded };
  }

  /** Uploads a ready 16×16 PNG as is; returns Yoto's `mediaId` (use as `yoto:#<mediaId>`). */
  async uploadIcon(png: Uint8Array, filename: string, options: RequestOptions = {}): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([Uint8Array.from(png)], { type: 'image/png' }), `${filename}.png`);
    const answer = await this.apiJson(
      {
        method: 'POST',
        path: '/media/displayIcons/user/me/upload',
        query: { autoConvert: 'false', filename },
        body: form,
        what: 'the icon upload',
        ...options,
      },
      iconSchema,
    );
    return answer.displayIcon.mediaId;
  }

  /** Uploads a cover picture; returns the `mediaUrl` to put in `metadata.cover.imageL`. */
  async uploadCover(bytes: Uint8Array, contentType: string, options: RequestOptions = {}): Promise<string> {
    const answer = await this.apiJson(
      {
        method: 'POST',
        path: '/media/coverImage/user/me/upload',
        query: { autoconvert: 'true', coverType: 'myo' },
        headers: { 'Content-Type': contentType },
        body: new Blob([Uint8Array.from(bytes)], { type: contentType }),
        what: 'the cover upload',
        ...options,
      },
      coverSchema,
    );
    return answer.coverImage.mediaUrl;
  }

  /** Creates the playlist (no `cardId`) or updates it (with `cardId`). */
  async createOrUpdateContent(body: YotoContentBody, options: RequestOptions = {}): Promise<YotoCard> {
    const answer = await this.apiJson(
      {
        method: 'POST',
        path: '/content',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        what: 'the playlist',
        ...options,
      },
      yotoCardResponseSchema,
    );
    return answer.card;
  }

  async getContent(cardId: string, options: RequestOptions = {}): Promise<YotoCard> {
    const answer = await this.apiJson(
      {
        method: 'GET',
        path: `/content/${encodeURIComponent(cardId)}`,
        what: `the playlist ${cardId}`,
        ...options,
      },
      yotoCardResponseSchema,
    );
    return answer.card;
  }

  private async apiJson<T>(call: ApiCall, schema: z.ZodType<T>): Promise<T> {
    const text = await this.send(call);
    const parsed = schema.safeParse(parseJson(text, call.what));
    if (!parsed.success) {
      throw new YotoError(
        'bad-response',
        `Yoto’s answer to ${call.what} is not in the documented shape (${parsed.error.issues[0]?.message ?? 'unknown'}).`,
      );
    }
    return parsed.data;
  }

  /** Sends with a fresh token; after a 401, refreshes once and sends again. */
  private async send(call: ApiCall): Promise<string> {
    let token = await this.validAccessToken(call.signal);
    for (let attempt = 0; ; attempt += 1) {
      const url = new URL(call.path, this.apiBaseUrl);
      if (call.query) url.search = new URLSearchParams(call.query).toString();
      const answer = await fetchWithDeadline(
        this.fetchFn,
        url.toString(),
        {
          method: call.method,
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...call.headers },
          ...(call.body !== undefined ? { body: call.body } : {}),
        },
        this.timeoutMs,
        call.signal,
      );
      if (answer.status === 401 && attempt === 0 && this.tokens.refreshToken) {
        token = (await this.refresh(token, call.signal)).accessToken;
        continue;
      }
      if (answer.status < 200 || answer.status >= 300)
        throw errorFromResponse(answer.status, answer.text, call.what);
      return answer.text;
    }
  }

  private async validAccessToken(signal: AbortSignal | undefined): Promise<string> {
    const { expiresAt, accessToken } = this.tokens;
    if (expiresAt !== undefined && this.now() > expiresAt - REFRESH_MARGIN_MS) {
      if (!this.tokens.refreshToken) throw new YotoError('sign-in', SIGN_IN_AGAIN);
      return (await this.refresh(accessToken, signal)).accessToken;
    }
    return accessToken;
  }

  /** One refresh at a time: parallel requests that all got a 401 share it. */
  private async refresh(staleAccessToken: string, signal: AbortSignal | undefined): Promise<YotoTokens> {
    if (this.tokens.accessToken !== staleAccessToken && !this.isExpiring()) return this.tokens;
    const refreshToken = this.tokens.refreshToken;
    if (!refreshToken) throw new YotoError('sign-in', SIGN_IN_AGAIN);
    this.refreshing ??= refreshYotoToken(refreshToken, {
      clientId: this.options.clientId,
      authBaseUrl: this.options.authBaseUrl ?? YOTO_AUTH_BASE_URL,
      fetch: this.fetchFn,
      timeoutMs: this.timeoutMs,
      now: this.now,
      ...(signal ? { signal } : {}),
    })
      .then(async (tokens) => {
        this.tokens = tokens;
        await this.options.onTokens?.(tokens);
        return tokens;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private isExpiring(): boolean {
    return this.tokens.expiresAt !== undefined && this.now() > this.tokens.expiresAt - REFRESH_MARGIN_MS;
  }
}

function transcodedAudio(
  transcodedSha256: string,
  info:
    | {
        duration?: number | undefined;
        fileSize?: number | undefined;
        format?: string | undefined;
        channels?: 'stereo' | 'mono' | number | undefined;
      }
    | undefined,
): YotoTranscodedAudio {
  if (info?.duration === undefined || info.fileSize === undefined) {
    // Why refuse: a track without Yoto's own duration and size is the "visible but silent on the
    // device" failure community tools hit (TheBestMoshe/yoto-cli#1).
    throw new YotoError(
      'transcode-failed',
      'Yoto finished converting an audio file but did not say how long it is, so it would play silently. Remove the job and add it again.',
    );
  }
  const channels =
    info.channels === 1
      ? 'mono'
      : info.channels === 2
        ? 'stereo'
        : typeof info.channels === 'string'
          ? info.channels
          : undefined;
  return {
    transcodedSha256,
    duration: info.duration,
    fileSize: info.fileSize,
    format: info.format ?? 'mp3',
    ...(channels ? { channels } : {}),
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new YotoError('cancelled', 'The Yoto upload was cancelled.'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new YotoError('cancelled', 'The Yoto upload was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export { sleep as sleepUnlessCancelled };
