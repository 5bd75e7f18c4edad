// Library sync as part of the app: the account (sign in, sign up, sign out, kept between runs),
// a SyncClient running in the background while signed in, the library's saves and deletes turned
// into queued changes, and what other computers changed written back into the library. One
// status for the UI, from "signed out" to "syncing".
import { EventEmitter } from 'node:events';
import type { Library } from '../library/library.js';
import { NarrationStore } from '../narration/narration-store.js';
import { AccountHttp, type CloudSession, type SignInInput, type SignUpInput } from './account-http.js';
import { AuthSession } from './auth-session.js';
import { FamilyAdmin, type CloudLink } from './family-admin.js';
import { PulledStoryApplier, type AppliedStory } from './pulled-story-applier.js';
import { SessionFile, type StoredSession } from './session-file.js';
import { buildStoryChange, type ChildConsentLookup, type WithheldRecording } from './story-sync-body.js';
import { SyncClient, type SyncClientOptions, type SyncConflict } from './sync-client.js';
import { SIGN_IN_EXPIRED_MESSAGE, SyncAccountError, SyncOfflineError } from './sync-errors.js';
import { SyncHttp } from './sync-http.js';
import { SyncLocalState } from './sync-local-state.js';
import { SyncOutbox } from './sync-outbox.js';

export type { ChildSyncConsent, ChildConsentLookup } from './story-sync-body.js';
export type { SignInInput, SignUpInput } from './account-http.js';

export type SyncServiceState = 'signed-out' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncServiceStatus {
  state: SyncServiceState;
  /** Changes waiting on this computer. */
  queued: number;
  /** ISO time of the last round that reached the server and finished. */
  lastSyncedAt: string | null;
  /** A sentence for the user, or null when all is well. */
  message: string | null;
}

export interface SyncAccount {
  signedIn: boolean;
  serverUrl: string | null;
  email: string | null;
  tenantName?: string;
  profile?: string;
}

export interface SyncServiceOptions {
  library: Library;
  /** A child's consents as the app knows them, by the local profile id on node_narrations. */
  childConsent: ChildConsentLookup;
  clock?: () => Date;
  fetch?: typeof globalThis.fetch;
  /** Timing and batching of the background client (tests shorten them). */
  client?: Pick<
    SyncClientOptions,
    'intervalMs' | 'backoffMs' | 'maxBackoffMs' | 'batchSize' | 'batchBytes' | 'requestTimeoutMs'
  >;
}

export interface SyncServiceEvents {
  status: [SyncServiceStatus];
  /** A story was written into the library from the server (re-index it, refresh views). */
  applied: [AppliedStory];
  conflict: [SyncConflict];
}

interface Connection {
  session: AuthSession;
  client: SyncClient;
}

export class SyncService extends EventEmitter<SyncServiceEvents> {
  private readonly library: Library;
  private readonly clock: () => Date;
  private readonly fetchFn: typeof globalThis.fetch;
  private readonly accounts: AccountHttp;
  private readonly file: SessionFile;
  private readonly outbox: SyncOutbox;
  private readonly local: SyncLocalState;
  private readonly narration: NarrationStore;
  private connection: Connection | null = null;
  private running = false;
  /** Why the service is signed out when it did not choose to be (an expired sign-in). */
  private signedOutMessage: string | null = null;
  /** One sentence per story whose recordings stayed on this computer, newest last. */
  private readonly notices = new Map<string, string>();
  private lastEmitted = '';

  constructor(private readonly options: SyncServiceOptions) {
    super();
    this.library = options.library;
    this.clock = options.clock ?? (() => new Date());
    this.fetchFn = options.fetch ?? globalThis.fetch;
    this.accounts = new AccountHttp(this.fetchFn, options.client?.requestTimeoutMs);
    this.file = new SessionFile(options.library.dir);
    this.outbox = new SyncOutbox(options.library.db);
    this.local = new SyncLocalState(options.library.db);
    this.narration = new NarrationStore(options.library.db);
    const stored = this.file.read();
    if (stored) this.connection = this.connect(stored);
    this.family = new FamilyAdmin({
      link: () => this.cloudLink(),
      onErased: () => this.signOut(),
      ...(options.client?.requestTimeoutMs !== undefined
        ? { timeoutMs: options.client.requestTimeoutMs }
        : {}),
    });
  }

  /** The signed-in family's members, invitations, export and erasure (family-admin.ts). */
  readonly family: FamilyAdmin;

  private cloudLink(): CloudLink | null {
    const connection = this.connection;
    if (!connection) return null;
    const { serverUrl, accountId, profile } = connection.session.stored;
    return {
      serverUrl,
      accountId,
      profile,
      token: () => connection.session.accessToken(),
      fetch: connection.session.fetch,
    };
  }

  account(): SyncAccount {
    const stored = this.connection?.session.stored;
    if (!stored) return { signedIn: false, serverUrl: null, email: null };
    return {
      signedIn: true,
      serverUrl: stored.serverUrl,
      email: stored.email,
      ...(stored.tenantName !== null ? { tenantName: stored.tenantName } : {}),
      profile: stored.profile,
    };
  }

  async signIn(input: SignInInput): Promise<SyncAccount> {
    const serverUrl = normaliseServerUrl(input.serverUrl);
    const session = await this.reach(serverUrl, () => this.accounts.signIn({ ...input, serverUrl }));
    return this.begin(serverUrl, input.email, session);
  }

  /** Creates the account (and a new family or school, or joins one by invitation), signed in. */
  async signUp(input: SignUpInput): Promise<SyncAccount> {
    const serverUrl = normaliseServerUrl(input.serverUrl);
    const session = await this.reach(serverUrl, () => this.accounts.signUp({ ...input, serverUrl }));
    return this.begin(serverUrl, input.email, session);
  }

  /**
   * Signs out: the refresh token is revoked at the server when it can be reached, and forgotten
   * here in any case. Queued changes stay and go after the next sign-in to the same account.
   */
  async signOut(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.signedOutMessage = null;
    this.notices.clear();
    if (connection) {
      await connection.client.stop();
      await connection.session.settle();
      const { serverUrl, refreshToken } = connection.session.stored;
      this.file.remove();
      try {
        await this.accounts.signOut(serverUrl, refreshToken);
      } catch {
        // Unreachable or already revoked: the token is gone from this computer either way.
      }
    }
    this.file.remove();
    this.emitStatus();
  }

  /** Syncs in the background whenever signed in (now, and after a later sign-in). */
  start(): void {
    this.running = true;
    if (!this.connection) return;
    this.queueUnqueued();
    this.connection.client.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.connection?.client.stop();
  }

  /** One round now (also finds stories changed without storyChanged, e.g. by the CLI). */
  async syncNow(): Promise<SyncServiceStatus> {
    const connection = this.connection;
    if (connection) {
      this.queueUnqueued();
      await connection.client.syncOnce();
    }
    return this.status();
  }

  status(): SyncServiceStatus {
    const connection = this.connection;
    if (!connection)
      return {
        state: 'signed-out',
        queued: this.outbox.count(),
        lastSyncedAt: this.outbox.lastSyncedAt(),
        message: this.signedOutMessage,
      };
    const status = connection.client.status;
    return { ...status, message: status.message ?? [...this.notices.values()].at(-1) ?? null };
  }

  /**
   * Call after every save of a story (create, edit, narration). Queues it while signed in;
   * while signed out, nothing is queued and the next sign-in finds the change itself.
   */
  storyChanged(storyId: string): void {
    const connection = this.connection;
    if (!connection) return;
    if (!this.library.db.prepare('SELECT 1 FROM stories WHERE id = ?').get(storyId)) {
      // Deleted since (a save racing a delete): what the server needs to hear is the delete.
      this.storyDeleted(storyId);
      return;
    }
    const story = this.library.stories.get(storyId);
    const built = buildStoryChange(
      this.library,
      story,
      this.options.childConsent,
      this.local.withheld(storyId),
    );
    connection.client.enqueue(built.change);
    this.local.markSynced(storyId, story.version);
    this.noteWithheld(story.title, storyId, built.withheld);
  }

  /** Call after a story is deleted from the library. */
  storyDeleted(storyId: string): void {
    const connection = this.connection;
    if (!connection) return;
    const everSent =
      this.outbox.knownVersion(storyId) > 0 ||
      this.outbox.countFor(storyId) > 0 ||
      this.local.localVersion(storyId) !== null;
    this.local.forget(storyId);
    if (this.notices.delete(storyId)) this.emitStatus();
    if (everSent) connection.client.enqueue({ storyId, deleted: true });
  }

  private connect(stored: StoredSession): Connection {
    const session = new AuthSession(stored, {
      file: this.file,
      http: this.accounts,
      clock: this.clock,
      fetch: this.fetchFn,
      onExpired: () => this.expired(),
    });
    const http = new SyncHttp({
      baseUrl: stored.serverUrl,
      token: () => session.accessToken(),
      fetch: session.fetch,
    });
    const applier = new PulledStoryApplier({
      library: this.library,
      outbox: this.outbox,
      local: this.local,
      download: (sha256) => http.downloadAsset(sha256),
      queueLocal: (storyId) => this.storyChanged(storyId),
      onUnreadable: (storyId, message) => {
        this.notices.set(storyId, message);
        this.emitStatus();
      },
      onApplied: (applied) => this.emit('applied', applied),
    });
    const client = new SyncClient({
      ...this.options.client,
      db: this.library.db,
      baseUrl: stored.serverUrl,
      token: () => session.accessToken(),
      fetch: session.fetch,
      clock: this.clock,
      readAsset: async (sha256) => (await this.library.assets.read(sha256)).data,
      onPulled: (stories) => applier.apply(stories),
    });
    client.on('status', () => this.emitStatus());
    client.on('conflict', (conflict) => this.emit('conflict', conflict));
    return { session, client };
  }

  private async begin(serverUrl: string, email: string, cloud: CloudSession): Promise<SyncAccount> {
    if (this.connection) await this.signOut();
    const tenantName = await this.tenantNameOf(serverUrl, cloud);
    const stored: StoredSession = {
      serverUrl,
      email: email.trim().toLowerCase(),
      accountId: cloud.accountId,
      tenantId: cloud.tenantId,
      tenantName,
      profile: cloud.profile,
      refreshToken: cloud.refreshToken,
      refreshTokenExpiresAt: cloud.refreshTokenExpiresAt,
    };
    // Another server or another family: nothing the library knew of the old one applies.
    const binding = `${serverUrl} ${cloud.tenantId}`;
    if (this.local.binding() !== binding) {
      this.outbox.forgetServerState();
      this.local.forgetAll();
      this.local.setBinding(binding);
    }
    const connection = this.connect(stored);
    connection.session.adopt(cloud);
    this.connection = connection;
    this.signedOutMessage = null;
    this.queueUnqueued();
    if (this.running) connection.client.start();
    this.emitStatus();
    return this.account();
  }

  private async tenantNameOf(serverUrl: string, cloud: CloudSession): Promise<string | null> {
    try {
      const me = await this.accounts.me(serverUrl, cloud.accessToken);
      return me.tenants.find((t) => t.id === cloud.tenantId)?.name ?? null;
    } catch {
      // Only a label for the account screen: signing in does not depend on it.
      return null;
    }
  }

  /** Runs an account call, turning "cannot reach the server" into a sentence about that server. */
  private async reach<T>(serverUrl: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof SyncOfflineError)
        throw new SyncAccountError(
          0,
          'offline',
          `The sync server at ${serverUrl} cannot be reached; check the address and the connection, then try again.`,
        );
      throw error;
    }
  }

  /** The refresh token was refused: signed out, and the status says why. */
  private expired(): void {
    const connection = this.connection;
    this.connection = null;
    this.signedOutMessage = SIGN_IN_EXPIRED_MESSAGE;
    this.notices.clear();
    // Not awaited: this runs inside the client's own round, which stop() would wait for.
    void connection?.client.stop();
    this.emitStatus();
  }

  /** Queues every story changed or deleted since it was last queued or pulled. */
  private queueUnqueued(): void {
    const { changed, deleted } = this.local.unqueued();
    for (const id of changed) this.storyChanged(id);
    for (const id of deleted) this.storyDeleted(id);
  }

  private noteWithheld(title: string, storyId: string, withheld: readonly WithheldRecording[]): void {
    const had = this.notices.get(storyId);
    if (withheld.length === 0) {
      if (this.notices.delete(storyId)) this.emitStatus();
      return;
    }
    const names = [
      ...new Set(
        withheld.map(
          (w) => (w.profileId ? this.narration.profile(w.profileId)?.name : undefined) ?? 'a child',
        ),
      ),
    ];
    const message = `“${title}” syncs without ${names.join(' and ')}’s recordings: they stay on this computer until a parent agrees to both recording and cloud sync.`;
    if (had === message) return;
    this.notices.delete(storyId);
    this.notices.set(storyId, message);
    this.emitStatus();
  }

  private emitStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.emit('status', status);
  }
}

function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SyncAccountError(
      0,
      'invalid_url',
      `“${raw}” is not a web address (expected e.g. https://cloud.example).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SyncAccountError(
      0,
      'invalid_url',
      `The sync server address must start with https:// (got “${raw}”).`,
    );
  return url.origin;
}
