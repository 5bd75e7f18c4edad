/** The way to the Boxes page: in the top bar on every page, and on the library page. */
import { strings } from '../strings';

const t = strings.devices;

export function BoxesButton({
  onOpen,
  testId,
  className,
  current = false,
}: {
  onOpen: () => void;
  testId: string;
  className: string;
  /** The Boxes page is the one shown (said to screen readers, drawn as such). */
  current?: boolean;
}) {
  return (
    <button
      type="button"
      className={`${className}${current ? ' is-current' : ''}`}
      data-testid={testId}
      aria-label={t.openLabel}
      aria-current={current ? 'page' : undefined}
      onClick={onOpen}
    >
      <span aria-hidden="true">▣</span> {t.open}
    </button>
  );
}
