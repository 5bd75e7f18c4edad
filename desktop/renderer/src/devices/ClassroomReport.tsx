/**
 * The printable report of a classroom run: the date, the set, and one row per box (which box,
 * whether it got the set, what it holds now, what was added, its free space). A box with an
 * error is marked in words (not colour alone), and the teacher is told that running the set
 * again only adds what is missing. "Print" uses the browser's own dialog; the print stylesheet
 * keeps only this report on paper.
 */
import { formatBytes } from '../format';
import { strings } from '../strings';
import { boxName } from './box-name';
import type { ClassroomResult } from './use-classroom-job';

const t = strings.classroom;
const dateWords = new Intl.DateTimeFormat(strings.locale, { dateStyle: 'long', timeStyle: 'short' });

type ReportBox = ClassroomResult['boxes'][number];

export function ClassroomReport(props: {
  result: ClassroomResult;
  storyTitles: string[];
  at: Date;
  onClose: () => void;
}) {
  const { boxes } = props.result;
  const failed = boxes.filter((box) => box.error !== null).length;
  return (
    <section
      className="classroom-report"
      data-testid="classroom-report"
      aria-labelledby="classroom-report-title"
    >
      <h3 id="classroom-report-title">{t.reportTitle}</h3>
      <p data-testid="classroom-report-date">{t.reportDate(dateWords.format(props.at))}</p>
      <p>
        <strong>{t.reportStories}</strong> {props.storyTitles.join(', ')}
      </p>
      <p className="notice-title" data-testid="classroom-summary">
        {t.summary(boxes.length - failed, boxes.length)}
      </p>
      {props.result.cancelled ? (
        <p className="notice notice-warn" role="status" data-testid="classroom-report-cancelled">
          {t.cancelled}
        </p>
      ) : null}
      <table className="classroom-table">
        <caption className="visually-hidden">{t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columns.box}</th>
            <th scope="col">{t.columns.result}</th>
            <th scope="col">{t.columns.holds}</th>
            <th scope="col">{t.columns.added}</th>
            <th scope="col">{t.columns.free}</th>
          </tr>
        </thead>
        <tbody>
          {boxes.map((box) => (
            <ReportRow key={box.root} box={box} />
          ))}
        </tbody>
      </table>
      {failed > 0 ? (
        <p className="notice notice-warn" data-testid="classroom-again">
          {t.againHint}
        </p>
      ) : null}
      <div className="actions classroom-report-actions">
        <button
          type="button"
          className="button button-primary"
          aria-label={t.printLabel}
          data-testid="classroom-print"
          onClick={() => window.print()}
        >
          {t.print}
        </button>
        <button
          type="button"
          className="button button-quiet"
          data-testid="classroom-close"
          onClick={props.onClose}
        >
          {t.close}
        </button>
      </div>
    </section>
  );
}

function ReportRow({ box }: { box: ReportBox }) {
  const failed = box.error !== null;
  // Why the root when the serial is unknown: a box that could not be read is still named, so it can be found.
  const name =
    box.serial !== ''
      ? t.boxChoice(boxName({ brand: 'lunii', family: box.family }), box.serial)
      : `${t.unknownBox} (${box.root})`;
  return (
    <tr className={failed ? 'is-failed' : undefined} data-testid="classroom-row" data-root={box.root}>
      <th scope="row" data-testid="classroom-row-box">
        {name}
      </th>
      <td data-testid="classroom-row-result">
        <strong>{failed ? t.notDone : t.ok}</strong>
        {failed ? (
          <span className="classroom-error" data-testid="classroom-row-error">
            {' '}
            {box.error}
          </span>
        ) : null}
      </td>
      <td data-testid="classroom-row-packs">
        {box.packs.length > 0 ? (
          <ol className="classroom-packs">
            {box.packs.map((title, index) => (
              <li key={`${index}-${title}`}>{title}</li>
            ))}
          </ol>
        ) : failed ? null : (
          t.nothingOnBox
        )}
      </td>
      <td data-testid="classroom-row-added">
        {box.installed.length > 0 ? box.installed.join(', ') : failed ? null : t.nothingAdded}
        {box.alreadyThere > 0 ? (
          <span className="muted" data-testid="classroom-row-already">
            {box.installed.length > 0 || !failed ? ' — ' : ''}
            {t.alreadyThere(box.alreadyThere)}
          </span>
        ) : null}
      </td>
      <td data-testid="classroom-row-free">{failed ? null : formatBytes(box.freeBytes)}</td>
    </tr>
  );
}
