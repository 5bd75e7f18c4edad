/**
 * The family's members and invitations in words, which roles an inviter may offer, and when the
 * erase confirmation is typed right. Pure: the page and its tests share it.
 */
import type { MethodOutput } from '../../../api/contract';
import type { Strings } from '../strings';

export type FamilyOverview = MethodOutput<'account.members'>;
export type FamilyMember = FamilyOverview['members'][number];
export type FamilyInvitation = NonNullable<FamilyOverview['invitations']>[number];
type Words = Strings['familyCloud'];

/** A role's plain name and what it may do; a role this version does not know shows the cloud's label. */
export function roleWords(
  profile: string,
  label: string,
  words: Words,
): { name: string; does: string | null } {
  const known = words.roles[profile];
  return known ? { name: known.name, does: known.does } : { name: label, does: null };
}

/** Who a member is, as a parent reads it: their email (or that they have none) and "(you)". */
export function memberName(member: FamilyMember, words: Words): string {
  const who = member.email ?? words.noEmail;
  return member.isYou ? `${who} ${words.you}` : who;
}

export function invitationLine(
  invitation: FamilyInvitation,
  words: Words,
  formatDate: (iso: string) => string,
): string {
  const role = roleWords(invitation.profile, invitation.profile, words).name;
  const status = words.invitationStatus[invitation.status] ?? invitation.status;
  return words.invitation(role, status, formatDate(invitation.expiresAt));
}

/**
 * The roles offered to invite someone: those that fit the kind of group, never one stronger than
 * the inviter's own (the cloud refuses it anyway: "more permissions than you have").
 */
export function inviteRoles(kind: 'family' | 'school', yourProfile: string): string[] {
  const forKind =
    kind === 'family'
      ? ['parent_creator', 'kids_listen_only', 'admin']
      : ['teacher', 'kids_listen_only', 'admin'];
  if (yourProfile === 'admin') return forKind;
  if (yourProfile === 'parent_creator') return forKind.filter((p) => p !== 'admin' && p !== 'teacher');
  return forKind.filter((p) => p === 'kids_listen_only' || p === yourProfile);
}

/**
 * The erase button wakes only when the family's name is typed as shown: surrounding and doubled
 * spaces do not matter, letters and case do (the same rule the core applies before erasing).
 */
export function eraseNameMatches(typed: string, familyName: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
  return norm(typed) !== '' && norm(typed) === norm(familyName);
}

/** Invitations worth listing: waiting ones first, then the rest newest first (the cloud's order). */
export function invitationsToShow(invitations: readonly FamilyInvitation[]): FamilyInvitation[] {
  const pending = invitations.filter((i) => i.status === 'pending');
  return [...pending, ...invitations.filter((i) => i.status !== 'pending')];
}
