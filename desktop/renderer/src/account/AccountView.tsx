/**
 * The Account page: the optional family cloud. Signed out, it says what the cloud does and that
 * Talemo works without it, and offers sign-in and a new account; signed in, who and which family,
 * the sync status in words and Sync now, the family's members and invitations, and (admins) the
 * family's cloud data to download or erase. Both show what leaves the computer of a child's voice.
 */
import { useState } from 'react';

import { PageHeader } from '../PageHeader';
import { strings } from '../strings';
import { ChildrenPrivacy } from './ChildrenPrivacy';
import { FamilyPanel } from './FamilyPanel';
import { SignedInPanel } from './SignedInPanel';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';
import { useAccount } from './use-account';

const t = strings.account;

export function AccountView({ onBack }: { onBack: () => void }) {
  const { account, loadError, signIn, signUp, signOut, adopt } = useAccount();
  const [erased, setErased] = useState(false);

  return (
    <section className="account" data-testid="account-view" aria-labelledby="account-title">
      <PageHeader titleId="account-title" title={t.title} intro={t.intro} onBack={onBack} />
      {loadError !== null ? (
        <div className="notice notice-error" role="alert" data-testid="account-error">
          {loadError}
        </div>
      ) : account === null ? (
        <p className="muted" role="status">
          {t.loading}
        </p>
      ) : account.signedIn ? (
        <>
          <SignedInPanel account={account} signOut={signOut} />
          <FamilyPanel
            onErased={(next) => {
              setErased(true);
              adopt(next);
            }}
          />
        </>
      ) : (
        <>
          {erased ? (
            <p className="notice" role="status" data-testid="family-erased">
              {strings.familyCloud.erased}
            </p>
          ) : null}
          <section
            className="account-card"
            aria-labelledby="account-what-title"
            data-testid="account-signed-out"
          >
            <h3 id="account-what-title">{t.whatTitle}</h3>
            <p>{t.what}</p>
            <p className="account-optional">{t.optional}</p>
          </section>
          <div className="account-forms">
            <SignInForm signIn={signIn} />
            <SignUpForm signUp={signUp} />
          </div>
        </>
      )}
      <ChildrenPrivacy />
    </section>
  );
}
