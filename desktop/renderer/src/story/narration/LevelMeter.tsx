/** The microphone's level while recording, as a bar and as a value a screen reader can ask for. */
import { strings } from '../../strings';
import { levelWord } from './sound-level';

const t = strings.pageNarration;

export function LevelMeter({ level }: { level: number }) {
  const percent = Math.round(level * 100);
  const word = levelWord(level);
  const words = t.levelWords[word] ?? word;
  return (
    <div className="level">
      <div
        className="level-track"
        role="meter"
        aria-label={t.level}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t.levelValue(percent, words)}
        data-testid="level-meter"
      >
        <div className={`level-fill level-${word}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="level-word" aria-hidden="true">
        {words}
      </span>
    </div>
  );
}
