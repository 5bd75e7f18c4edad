import { describe, expect, it } from 'vitest';

import { en } from '../strings';
import { fr } from '../strings-fr';
import {
  eraseNameMatches,
  invitationLine,
  invitationsToShow,
  inviteRoles,
  memberName,
  roleWords,
  type FamilyInvitation,
  type FamilyMember,
} from './family-words';

const member = (over: Partial<FamilyMember>): FamilyMember => ({
  accountId: '6b1c1a4e-0a0f-4d8e-9a57-2f0f5e7e3f10',
  email: 'ann@example.org',
  profile: 'admin',
  profileLabel: 'Admin',
  joinedAt: '2025-03-01T10:00:00.000Z',
  isYou: false,
  ...over,
});

const invitation = (over: Partial<FamilyInvitation>): FamilyInvitation => ({
  id: 'a0d2f3e4-1111-4222-8333-444455556666',
  profile: 'parent_creator',
  createdAt: '2025-03-01T10:00:00.000Z',
  expiresAt: '2025-03-04T10:00:00.000Z',
  status: 'pending',
  ...over,
});

describe('the family in words', () => {
  it('names a member by email, marks the parent reading, and says when there is no email', () => {
    expect(memberName(member({}), en.familyCloud)).toBe('ann@example.org');
    expect(memberName(member({ isYou: true }), en.familyCloud)).toBe('ann@example.org (you)');
    expect(memberName(member({ email: null }), fr.familyCloud)).toBe('Connecté sans adresse e-mail');
  });

  it('explains each known role in plain words, and falls back to the cloud’s label for a new one', () => {
    expect(roleWords('kids_listen_only', 'Kids Listen-Only', en.familyCloud)).toEqual({
      name: 'Listener',
      does: 'Can only listen to the stories; changes nothing.',
    });
    expect(roleWords('grandparent', 'Grandparent', en.familyCloud)).toEqual({
      name: 'Grandparent',
      does: null,
    });
  });

  it('says what became of an invitation and until when it works', () => {
    const line = invitationLine(invitation({}), en.familyCloud, (iso) => iso.slice(0, 10));
    expect(line).toBe('Parent creator: waiting to be used (until 2025-03-04)');
    expect(invitationLine(invitation({ status: 'revoked' }), fr.familyCloud, () => '4 mars')).toBe(
      'Parent créateur\u00a0: retirée (jusqu’au 4 mars)',
    );
  });

  it('lists waiting invitations first', () => {
    const used = invitation({ id: 'used', status: 'accepted' });
    const waiting = invitation({ id: 'waiting' });
    expect(invitationsToShow([used, waiting]).map((i) => i.id)).toEqual(['waiting', 'used']);
  });
});

describe('who may be invited', () => {
  it('offers an admin every role of the group, a parent none stronger than their own', () => {
    expect(inviteRoles('family', 'admin')).toEqual(['parent_creator', 'kids_listen_only', 'admin']);
    expect(inviteRoles('school', 'admin')).toEqual(['teacher', 'kids_listen_only', 'admin']);
    expect(inviteRoles('family', 'parent_creator')).toEqual(['parent_creator', 'kids_listen_only']);
    expect(inviteRoles('school', 'teacher')).toEqual(['teacher', 'kids_listen_only']);
  });
});

describe('the erase confirmation', () => {
  it('wakes only for the family’s name as shown, spaces around it aside', () => {
    expect(eraseNameMatches('The Martins', 'The Martins')).toBe(true);
    expect(eraseNameMatches('  The  Martins ', 'The Martins')).toBe(true);
    expect(eraseNameMatches('the martins', 'The Martins')).toBe(false);
    expect(eraseNameMatches('The Martin', 'The Martins')).toBe(false);
    expect(eraseNameMatches('   ', '')).toBe(false);
  });

  it('treats the two ways of writing an accented letter as the same', () => {
    expect(eraseNameMatches('Famille Le\u0301vy', 'Famille Lévy')).toBe(true);
  });
});
