/**
 * Assigns an RFID tag to an SD folder on an ESPuino box over its HTTP API, then reads the
 * assignment back.
 *
 * Facts (biologist79/ESPuino @ 5f7b341):
 * - Routes: src/Web.cpp:602-606: GET /rfid (all, or `?id=` one), POST /rfid (JSON body),
 *   DELETE /rfid?id=. The POST handler is an AsyncCallbackJsonWebHandler: it only takes a
 *   body sent as `Content-Type: application/json`.
 * - POST body (src/Web.cpp:2623-2664, REST-API.yaml `/rfid`): `{"id", "fileOrUrl", "playMode"}`
 *   or `{"id", "modId"}`; modId must be a JSON number (`is<u_int8_t>()`), so we send numbers.
 *   It stores `#<fileOrUrl>#0#<mode>#0` in NVS, re-reads it, and answers the stored entry as
 *   `{"id","fileOrUrl","playMode","lastPlayPos","trackLastPlayed"}` or `{"id","modId"}`
 *   (`tagIdToJSON`, src/Web.cpp:2495-2534); errors are 500 with a text body.
 * - GET /rfid?id=<unknown> answers the whole list (an array) rather than 404 (src/Web.cpp:2569).
 * - The built-in web UI posts the same assignment to POST /settings as
 *   `{"rfidAssign":{"rfidIdMusic","fileOrUrl","playMode"}}` (html/management.html:4307-4330,
 *   src/Web.cpp:1044-1064); /rfid is the documented REST route and answers the stored entry,
 *   which /settings does not, so we use /rfid. Both write the same NVS string.
 * - Tag ids: the 4 first UID bytes as 3-digit decimals, 12 digits
 *   (src/RfidMfrc522.cpp:131-135, src/RfidPn5180.cpp:307-311); the web UI takes `[0-9]{12}`
 *   (html/management.html:891).
 * - Play modes: src/values.h:21-37 (10 is the internal BUSY state); modification cards are
 *   numbers 100 and up (src/values.h:41-91, src/RfidCommon.cpp:70).
 */
import { ESPUINO_MAX_PATH_BYTES } from './espuino-sd';

export const EspuinoPlayMode = {
  singleTrack: 1,
  singleTrackLoop: 2,
  audiobook: 3,
  audiobookLoop: 4,
  allTracksSorted: 5,
  allTracksRandom: 6,
  allTracksSortedLoop: 7,
  webstream: 8,
  allTracksRandomLoop: 9,
  localM3u: 11,
  singleTrackOfDirRandom: 12,
  randomSubdirSorted: 13,
  randomSubdirRandom: 14,
  allTracksSortedRecursive: 15,
  audiobookRecursive: 16,
  allTracksRandomRecursive: 17,
} as const;

const PLAY_MODES: ReadonlySet<number> = new Set(Object.values(EspuinoPlayMode));
const TAG_ID = /^\d{12}$/;
const DEFAULT_TIMEOUT_MS = 10_000;

export type EspuinoAssignment = { path: string; playMode: number } | { modId: number };

/** An assignment as the box reports it. */
export interface EspuinoTagAssignment {
  id: string;
  fileOrUrl?: string;
  playMode?: number;
  lastPlayPos?: number;
  trackLastPlayed?: number;
  modId?: number;
}

export type EspuinoErrorCode = 'invalid-request' | 'unreachable' | 'rejected' | 'not-confirmed' | 'cancelled';

export class EspuinoError extends Error {
  override readonly name = 'EspuinoError';
  constructor(
    readonly code: EspuinoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface EspuinoRequestOptions {
  signal?: AbortSignal;
  /** Per request (default 10 s): the box may be busy or asleep. */
  timeoutMs?: number;
}

/** The id ESPuino gives a tag with this UID: its first four bytes as 3-digit decimals. */
export function espuinoTagIdFromUid(uid: Uint8Array): string {
  if (uid.length < 4)
    throw new EspuinoError('invalid-request', `A tag UID has at least 4 bytes, got ${uid.length}.`);
  return Array.from(uid.subarray(0, 4), (b) => String(b).padStart(3, '0')).join('');
}

/** Stores the assignment on the box, then reads it back and checks it. */
export async function assignEspuinoTag(
  baseUrl: string,
  tagId: string,
  assignment: EspuinoAssignment,
  options: EspuinoRequestOptions = {},
): Promise<EspuinoTagAssignment> {
  checkTagId(tagId);
  const body =
    'modId' in assignment ? modificationBody(tagId, assignment.modId) : folderBody(tagId, assignment);
  const response = await request(baseUrl, '/rfid', options, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new EspuinoError(
      'rejected',
      `The ESPuino box refused the tag assignment (HTTP ${response.status}: ${(await response.text()).trim()}).`,
    );
  }
  const stored = await readEspuinoTag(baseUrl, tagId, options);
  if (!stored || !matches(stored, body)) {
    throw new EspuinoError(
      'not-confirmed',
      `The ESPuino box did not keep the assignment of tag ${tagId} (it reports ${JSON.stringify(stored)}). Try again.`,
    );
  }
  return stored;
}

/** The assignment of `tagId`, or null when the box has none. */
export async function readEspuinoTag(
  baseUrl: string,
  tagId: string,
  options: EspuinoRequestOptions = {},
): Promise<EspuinoTagAssignment | null> {
  checkTagId(tagId);
  const response = await request(baseUrl, `/rfid?id=${encodeURIComponent(tagId)}`, options, {
    method: 'GET',
  });
  if (!response.ok) {
    throw new EspuinoError(
      'rejected',
      `The ESPuino box could not list tag ${tagId} (HTTP ${response.status}).`,
    );
  }
  const json: unknown = await response.json().catch(() => {
    throw new EspuinoError('rejected', 'The ESPuino box answered /rfid with something that is not JSON.');
  });
  // An unknown id makes the box answer its whole list (src/Web.cpp:2569-2584).
  const entries = Array.isArray(json) ? json : [json];
  const entry = entries.find((e): e is Record<string, unknown> => isRecord(e) && e.id === tagId);
  return entry ? toAssignment(entry) : null;
}

type PostBody = { id: string; fileOrUrl: string; playMode: number } | { id: string; modId: number };

function folderBody(tagId: string, assignment: { path: string; playMode: number }): PostBody {
  if (!PLAY_MODES.has(assignment.playMode)) {
    throw new EspuinoError(
      'invalid-request',
      `ESPuino play mode ${assignment.playMode} does not exist (use 1-9 or 11-17).`,
    );
  }
  // The web UI drops a trailing slash (html/management.html:4225-4230, 4313).
  const path = assignment.path.length > 1 ? assignment.path.replace(/\/+$/, '') : assignment.path;
  const isUrl = /^https?:\/\//i.test(path);
  if (!isUrl && !path.startsWith('/')) {
    throw new EspuinoError(
      'invalid-request',
      `"${path}" is not an SD path (it must start with "/") or a web address.`,
    );
  }
  if (/[#^]/.test(path)) {
    throw new EspuinoError('invalid-request', `ESPuino cannot store a path containing "#" or "^": ${path}`);
  }
  if (new TextEncoder().encode(path).length > ESPUINO_MAX_PATH_BYTES) {
    throw new EspuinoError(
      'invalid-request',
      `The path is too long for ESPuino (at most ${ESPUINO_MAX_PATH_BYTES} bytes).`,
    );
  }
  return { id: tagId, fileOrUrl: path, playMode: assignment.playMode };
}

function modificationBody(tagId: string, modId: number): PostBody {
  if (!Number.isInteger(modId) || modId < 100 || modId > 255) {
    throw new EspuinoError(
      'invalid-request',
      `ESPuino modification cards are numbered 100 to 255, got ${modId}.`,
    );
  }
  return { id: tagId, modId };
}

function matches(stored: EspuinoTagAssignment, sent: PostBody): boolean {
  if ('modId' in sent) return stored.modId === sent.modId;
  return stored.fileOrUrl === sent.fileOrUrl && stored.playMode === sent.playMode;
}

function toAssignment(entry: Record<string, unknown>): EspuinoTagAssignment {
  const out: EspuinoTagAssignment = { id: String(entry.id) };
  if (typeof entry.fileOrUrl === 'string') out.fileOrUrl = entry.fileOrUrl;
  for (const key of ['playMode', 'lastPlayPos', 'trackLastPlayed', 'modId'] as const) {
    if (typeof entry[key] === 'number') out[key] = entry[key];
  }
  return out;
}

function checkTagId(tagId: string): void {
  if (!TAG_ID.test(tagId)) {
    throw new EspuinoError(
      'invalid-request',
      `"${tagId}" is not an ESPuino tag id (12 digits, as the box shows when a tag is put on it).`,
    );
  }
}

async function request(
  baseUrl: string,
  path: string,
  options: EspuinoRequestOptions,
  init: RequestInit,
): Promise<Response> {
  const base = /^https?:\/\//i.test(baseUrl) ? baseUrl : `http://${baseUrl}`;
  const url = `${base.replace(/\/+$/, '')}${path}`;
  const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    return await fetch(url, { ...init, signal });
  } catch (error) {
    if (options.signal?.aborted) throw new EspuinoError('cancelled', 'The tag assignment was cancelled.');
    throw new EspuinoError(
      'unreachable',
      `Cannot reach the ESPuino box at ${base}. Check that it is on, on the same network, and its address.`,
      { cause: error },
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
