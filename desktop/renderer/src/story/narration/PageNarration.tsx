/**
 * A page's narration on its card: where the sound came from, a player, and (opened on demand,
 * so a long story stays readable) the tools to record the page or import a file for it.
 */
import { useState } from 'react';

import type { StageNode } from '../../../../../device-bridge/pack/story-graph';
import { strings } from '../../strings';
import { AudioPlayer } from './AudioPlayer';
import { useNarration } from './NarrationContext';
import { narrationOrigin } from './narration-origin';
import { PageRecordTools } from './PageRecordTools';

const t = strings.pageNarration;

export function PageNarration({ stage }: { stage: StageNode }) {
  const { pages } = useNarration();
  const [open, setOpen] = useState(false);
  const origin = narrationOrigin(stage.audio !== null, pages, stage.id);
  const name = stage.name || stage.id;
  const toolsId = `narration-tools-${stage.id}`;
  return (
    <section className="page-narration" aria-label={t.label(name)} data-testid="page-narration">
      <div className="page-narration-bar">
        <span
          className={`badge narration-origin origin-${origin}`}
          data-testid="narration-origin"
          data-origin={origin}
        >
          {t.origin[origin]}
        </span>
        {stage.audio ? (
          <AudioPlayer key={stage.audio.hash} audio={stage.audio} label={t.label(name)} />
        ) : null}
        <button
          type="button"
          className="button button-quiet"
          aria-expanded={open}
          aria-controls={open ? toolsId : undefined}
          data-testid="narration-tools-toggle"
          onClick={() => setOpen((now) => !now)}
        >
          {open ? t.closeTools : t.tools}
        </button>
      </div>
      {open ? <PageRecordTools id={toolsId} stage={stage} /> : null}
    </section>
  );
}
