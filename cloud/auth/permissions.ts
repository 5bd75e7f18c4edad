// Every permission a route may require. A route names one of these (or 'public' / 'signed-in'),
// and start-up fails if it names anything else or nothing (cloud/server/route.ts). Adding a
// permission here also means deciding it for every profile in permission-profiles.json, or the
// service refuses to start: a new permission is never granted by accident.
export const PERMISSIONS = {
  'stories.read': 'List and read the tenant’s stories.',
  'stories.write': 'Create, rename and delete stories.',
  'tenant.read': 'See the family’s or school’s name and kind.',
  'tenant.manage': 'Rename the family or school.',
  'members.read': 'See who belongs to the tenant and with which profile.',
  'members.invite': 'Create and revoke invitations (only for profiles no stronger than one’s own).',
  'members.manage': 'Change a member’s profile or remove a member.',
  'profiles.read': 'See the permission profiles.',
  'policies.read': 'Read the tenant’s quotas and feature flags.',
  'policies.manage': 'Set the tenant’s quotas and feature flags.',
  'children.read': 'See the children of the family or school.',
  'children.manage': 'Add a child.',
  'consent.read': 'See a child’s parental consents and their history.',
  'consent.manage': 'Grant or revoke a child’s parental consents.',
  'audit.read': 'Read and verify the audit log.',
  'data.export': 'Download all of the tenant’s data.',
  'data.erase': 'Erase the tenant and all of its data.',
  'billing.read': 'See the tenant’s plan and its quota use.',
  'billing.manage': 'Start a subscription checkout or open the billing portal.',
} as const satisfies Record<string, string>;

export type Permission = keyof typeof PERMISSIONS;

/** No token needed (health, sign-in). */
export const PUBLIC = 'public';
/** A valid access token, no tenant permission (who am I, switch tenant, accept an invitation). */
export const SIGNED_IN = 'signed-in';
export type Access = typeof PUBLIC | typeof SIGNED_IN | Permission;

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

export function isAccess(value: unknown): value is Access {
  return value === PUBLIC || value === SIGNED_IN || isPermission(value);
}
