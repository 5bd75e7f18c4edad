// The service's domains, one fastify plugin each, mounted at its prefix. To add a domain, write
// cloud/domains/<name>/<name>-plugin.ts and add it here (README: "How to add a domain").
import type { FastifyPluginAsync } from 'fastify';
import { accountsPlugin } from '../domains/accounts/accounts-plugin.js';
import { healthPlugin } from '../domains/health/health-plugin.js';
import { invitationsPlugin } from '../domains/invitations/invitations-plugin.js';
import { policiesPlugin } from '../domains/policies/policies-plugin.js';
import { profilesPlugin } from '../domains/profiles/profiles-plugin.js';
import { storiesPlugin } from '../domains/stories/stories-plugin.js';
import { syncPlugin } from '../domains/sync/sync-plugin.js';
import { tenantsPlugin } from '../domains/tenants/tenants-plugin.js';
import { consentPlugin } from '../domains/consent/consent-plugin.js';
import { auditPlugin } from '../domains/audit/audit-plugin.js';
import { billingPlugin } from '../domains/billing/billing-plugin.js';
import { familyDataPlugin } from '../domains/family-data/family-data-plugin.js';

export interface Domain {
  plugin: FastifyPluginAsync;
  /** URL prefix; '' mounts at the root. */
  prefix: string;
}

export const DOMAINS: Domain[] = [
  { plugin: healthPlugin, prefix: '' },
  { plugin: accountsPlugin, prefix: '/auth' },
  { plugin: tenantsPlugin, prefix: '/tenant' },
  { plugin: invitationsPlugin, prefix: '/invitations' },
  { plugin: profilesPlugin, prefix: '/profiles' },
  { plugin: policiesPlugin, prefix: '/policies' },
  { plugin: storiesPlugin, prefix: '/stories' },
  { plugin: syncPlugin, prefix: '/sync' },
  { plugin: consentPlugin, prefix: '/children' },
  { plugin: auditPlugin, prefix: '/audit' },
  { plugin: billingPlugin, prefix: '/billing' },
  { plugin: familyDataPlugin, prefix: '/family-data' },
];
