/**
 * Who is in the family (or school), each person's role in plain words, the invitations sent, and
 * for an admin a Remove button that asks first. Inviting is InviteForm's part.
 */
import { useState } from 'react';

import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { strings } from '../strings';
import { formatSyncTime } from './sync-status-words';
import {
  invitationLine,
  invitationsToShow,
  memberName,
  roleWords,
  type FamilyMember,
  type FamilyOverview,
} from './family-words';
import { InviteForm } from './InviteForm';

const t = strings.familyCloud;
const when = (iso: string) => formatSyncTime(iso, strings.locale);

export function FamilyMembers({ family, reload }: { family: FamilyOverview; reload: () => Promise<void> }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);

  /** Runs a change at the cloud, then reads the family again so the list shows what the cloud holds. */
  const change = async (send: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await send();
    } catch (failure) {
      setError(errorMessage(failure));
    }
    await reload();
  };

  return (
    <section className="account-card" aria-labelledby="family-members-title" data-testid="family-members">
      <h3 id="family-members-title">{t.membersTitle(family.family.kind)}</h3>
      <p className="muted">{t.membersIntro}</p>
      <ul className="family-list" aria-label={t.membersLabel}>
        {family.members.map((member) => (
          <MemberRow
            key={member.accountId}
            member={member}
            canRemove={family.rights.manage && !member.isYou}
            remove={() => change(() => client.call('account.removeMember', { accountId: member.accountId }))}
          />
        ))}
      </ul>
      {error ? (
        <p className="error-text" role="alert" data-testid="family-error">
          {error}
        </p>
      ) : null}

      <h4>{t.invitationsTitle}</h4>
      {family.invitations === null ? (
        <p className="muted">{t.invitationsHidden}</p>
      ) : family.invitations.length === 0 ? (
        <p className="muted" data-testid="family-no-invitation">
          {t.invitationsNone}
        </p>
      ) : (
        <ul className="family-list" aria-label={t.invitationsTitle}>
          {invitationsToShow(family.invitations).map((invitation) => (
            <li key={invitation.id} className="family-row" data-testid="family-invitation">
              <span data-status={invitation.status} data-testid="family-invitation-text">
                {invitationLine(invitation, t, when)}
              </span>
              {invitation.status === 'pending' ? (
                <button
                  type="button"
                  className="button"
                  aria-label={t.withdrawLabel(roleWords(invitation.profile, invitation.profile, t).name)}
                  data-testid="family-withdraw"
                  onClick={() =>
                    void change(() => client.call('account.revokeInvitation', { id: invitation.id }))
                  }
                >
                  {t.withdraw}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {family.rights.invite ? <InviteForm family={family} onInvited={reload} /> : null}
    </section>
  );
}

function MemberRow({
  member,
  canRemove,
  remove,
}: {
  member: FamilyMember;
  canRemove: boolean;
  remove: () => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = memberName(member, t);
  const role = roleWords(member.profile, member.profileLabel, t);
  return (
    <li className="family-row" data-testid="family-member" data-you={member.isYou}>
      <div className="family-who">
        <strong data-testid="family-member-name">{name}</strong>
        <span data-testid="family-member-role">{role.name}</span>
        {role.does ? <span className="muted">{role.does}</span> : null}
        <span className="muted">{t.joined(when(member.joinedAt))}</span>
      </div>
      {canRemove && !asking ? (
        <button
          type="button"
          className="button"
          aria-label={t.remove(name)}
          data-testid="family-remove"
          onClick={() => setAsking(true)}
        >
          {t.removeShort}
        </button>
      ) : null}
      {asking ? (
        <div className="family-confirm" role="group" aria-label={t.remove(name)}>
          <p>{t.removeConfirm(name)}</p>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            data-testid="family-remove-yes"
            onClick={() => {
              setBusy(true);
              void remove().finally(() => {
                setBusy(false);
                setAsking(false);
              });
            }}
          >
            {busy ? t.removing : t.removeYes}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setAsking(false)}>
            {t.removeNo}
          </button>
        </div>
      ) : null}
    </li>
  );
}
