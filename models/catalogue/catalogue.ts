/**
 * The model catalogue: every model the app can download, where from, and the exact bytes to
 * expect. The bundled `catalogue.json` is checked against this schema when it is loaded, so a
 * bad edit fails loudly (naming the entry) instead of surfacing later as a broken download.
 */
import { z } from 'zod';

// Why the attribute: Node's own ESM loader (Playwright's, tsx's) refuses a JSON import without it.
import bundledCatalogue from './catalogue.json' with { type: 'json' };

export const MODEL_KINDS = ['llm', 'embedding', 'tts', 'stt'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The catalogue format this code reads; a newer file needs a newer app. */
export const CATALOGUE_VERSION = 1;

/** Name of the manifest written last into a model folder; its presence means "complete". */
export const MANIFEST_FILE_NAME = 'talemo-model.json';

// The id becomes a folder name, so it is kept to one safe path segment.
const modelIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be lower-case letters, digits, ".", "_" or "-"')
  .refine((id) => !id.includes('..'), 'must not contain ".."');

// A file path inside the model's folder: relative, "/"-separated, no way out of the folder.
const relativePathSchema = z
  .string()
  .min(1)
  .refine(
    (path) =>
      !path.startsWith('/') &&
      !path.includes('\\') &&
      !/^[A-Za-z]:/.test(path) &&
      path.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'must be a relative path inside the model folder (no "..", no leading "/")',
  )
  .refine(
    (path) => !path.endsWith('.part') && path !== MANIFEST_FILE_NAME,
    'uses a name reserved for downloads',
  );

const httpsUrlSchema = z.string().refine((value) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an https:// URL');

const modelFileSchema = z.object({
  path: relativePathSchema,
  url: httpsUrlSchema,
  sizeBytes: z.number().int().positive().nullable(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits')
    .nullable(),
});

const catalogueEntrySchema = z
  .object({
    id: modelIdSchema,
    kind: z.enum(MODEL_KINDS),
    name: z.string().min(1),
    description: z.string().min(1),
    languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/)).min(1),
    licence: z.string().min(1),
    ramBytes: z.number().int().positive(),
    source: z.object({ repository: z.string().min(1), revision: z.string().min(1) }),
    verified: z.boolean(),
    files: z.array(modelFileSchema).min(1),
  })
  .check((ctx) => {
    const entry = ctx.value;
    const seen = new Set<string>();
    entry.files.forEach((file, index) => {
      if (seen.has(file.path)) {
        ctx.issues.push({
          code: 'custom',
          input: file.path,
          path: ['files', index, 'path'],
          message: `lists "${file.path}" twice`,
        });
      }
      seen.add(file.path);
      // A verified entry is a promise that every byte can be checked: no hole allowed.
      if (entry.verified && (file.sha256 === null || file.sizeBytes === null)) {
        ctx.issues.push({
          code: 'custom',
          input: file,
          path: ['files', index],
          message: `"${file.path}" has no sha256 or size, so the entry must say "verified": false`,
        });
      }
    });
  });

const catalogueSchema = z.object({
  version: z.number().int(),
  models: z.array(z.unknown()),
});

export type ModelFile = z.infer<typeof modelFileSchema>;
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;
export interface Catalogue {
  version: number;
  models: CatalogueEntry[];
}

export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ');
}

/**
 * Checks a catalogue from outside (the bundled file, or a newer one fetched later) and returns
 * it typed. Throws a `CatalogueError` naming the first bad entry by its id (or position when
 * the id itself is unreadable).
 */
export function parseCatalogue(raw: unknown): Catalogue {
  const top = catalogueSchema.safeParse(raw);
  if (!top.success) {
    throw new CatalogueError(`the model catalogue is malformed: ${describeIssues(top.error)}`);
  }
  if (top.data.version !== CATALOGUE_VERSION) {
    throw new CatalogueError(
      `the model catalogue is version ${top.data.version}, but this app reads version ${CATALOGUE_VERSION}: update Talemo`,
    );
  }
  const ids = new Set<string>();
  const models = top.data.models.map((candidate, index) => {
    const parsed = catalogueEntrySchema.safeParse(candidate);
    const rawId = (candidate as { id?: unknown } | null)?.id;
    const label = typeof rawId === 'string' ? `"${rawId}"` : `#${index + 1}`;
    if (!parsed.success) {
      throw new CatalogueError(`catalogue entry ${label} is invalid: ${describeIssues(parsed.error)}`);
    }
    if (ids.has(parsed.data.id)) {
      throw new CatalogueError(`catalogue entry ${label} is listed twice`);
    }
    ids.add(parsed.data.id);
    return parsed.data;
  });
  return { version: top.data.version, models };
}

let bundled: Catalogue | undefined;

/** The catalogue shipped with the app, checked once and then kept. */
export function loadBundledCatalogue(): Catalogue {
  bundled ??= parseCatalogue(bundledCatalogue);
  return bundled;
}

/** The entry with this id, or undefined. */
export function findModel(catalogue: Catalogue, id: string): CatalogueEntry | undefined {
  return catalogue.models.find((entry) => entry.id === id);
}

/** Every entry of one kind, in catalogue order. */
export function listModels(catalogue: Catalogue, kind: ModelKind): CatalogueEntry[] {
  return catalogue.models.filter((entry) => entry.kind === kind);
}

/** Total download size of an entry, or null when a file's size is not published. */
export function downloadSizeBytes(entry: CatalogueEntry): number | null {
  let total = 0;
  for (const file of entry.files) {
    if (file.sizeBytes === null) return null;
    total += file.sizeBytes;
  }
  return total;
}
