/** The signed-in family's part of the page: its members and invitations, then its data (export, erase). */
import { strings } from '../strings';
import { FamilyData } from './FamilyData';
import { FamilyMembers } from './FamilyMembers';
import type { Account } from './use-account';
import { useFamily } from './use-family';

const t = strings.familyCloud;

export function FamilyPanel({ onErased }: { onErased: (account: Account) => void }) {
  const { family, error, reload } = useFamily();
  if (family === null) {
    return error ? (
      <div className="notice notice-error" role="alert" data-testid="family-load-error">
        <p>{t.loadFailed(error)}</p>
        <button type="button" className="button" onClick={() => void reload()}>
          {t.retry}
        </button>
      </div>
    ) : (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );
  }
  return (
    <>
      <FamilyMembers family={family} reload={reload} />
      <FamilyData family={family} onErased={onErased} />
    </>
  );
}
