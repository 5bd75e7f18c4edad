// The four permission profiles, as JSON permission sets (permission-profiles.json). They are
// checked at load: every profile must decide every permission explicitly, true or false.
import { z } from 'zod';
import profilesJson from './permission-profiles.json' with { type: 'json' };
import { PERMISSIONS, type Permission } from './permissions.js';

export interface PermissionProfile {
  key: string;
  label: string;
  permissions: Record<Permission, boolean>;
}

export class PermissionProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermissionProfileError';
  }
}

const fileSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/),
  z.object({ label: z.string().min(1), permissions: z.record(z.string(), z.boolean()) }).strict(),
);

export function parseProfiles(raw: unknown): ReadonlyMap<string, PermissionProfile> {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success)
    throw new PermissionProfileError(`permission-profiles.json is malformed: ${parsed.error.message}`);
  const known = Object.keys(PERMISSIONS);
  const profiles = new Map<string, PermissionProfile>();
  for (const [key, { label, permissions }] of Object.entries(parsed.data)) {
    const missing = known.filter((p) => !(p in permissions));
    const unknown = Object.keys(permissions).filter((p) => !known.includes(p));
    if (missing.length > 0) {
      throw new PermissionProfileError(
        `Profile "${key}" does not decide ${missing.join(', ')}; add true or false for each.`,
      );
    }
    if (unknown.length > 0)
      throw new PermissionProfileError(`Profile "${key}" names unknown permissions: ${unknown.join(', ')}.`);
    profiles.set(key, { key, label, permissions: permissions as Record<Permission, boolean> });
  }
  if (!profiles.has(ADMIN_PROFILE))
    throw new PermissionProfileError(`There must be an "${ADMIN_PROFILE}" profile.`);
  return profiles;
}

/** The profile a tenant's creator gets; the last one cannot be removed or demoted. */
export const ADMIN_PROFILE = 'admin';

export const PROFILES = parseProfiles(profilesJson);

export function profileAllows(profileKey: string, permission: Permission): boolean {
  return PROFILES.get(profileKey)?.permissions[permission] === true;
}

/** True when `weaker` grants nothing that `stronger` lacks (used to stop invitations escalating). */
export function profileWithin(weaker: string, stronger: string): boolean {
  const w = PROFILES.get(weaker);
  const s = PROFILES.get(stronger);
  if (!w || !s) return false;
  return (Object.keys(w.permissions) as Permission[]).every((p) => !w.permissions[p] || s.permissions[p]);
}
