/**
 * A finished draft read as a book: its pages in the order a child hears them, a choice's
 * question, then each option ("→ label") followed by the pages down that path.
 */
import { useMemo } from 'react';

import { readingOrder } from '../story/reading-order';
import type { StoryDraft } from './create-form';

export function DraftText({ graph, language }: { graph: StoryDraft['graph']; language: string }) {
  const order = useMemo(() => readingOrder(graph), [graph]);
  return (
    <div className="draft-text" lang={language} data-testid="draft-text">
      {order.items.map((item) => {
        // The cover only says the title, shown above; a choice's options follow as their own stages.
        if (item.type === 'choice' || item.stage.kind === 'cover') return null;
        const { stage } = item;
        if (stage.kind === 'menu.optionstage') {
          return (
            <p key={stage.id} className="draft-option" data-testid="draft-paragraph">
              → {stage.text}
            </p>
          );
        }
        return (
          <p
            key={stage.id}
            className={stage.kind === 'menu.questionstage' ? 'draft-question' : undefined}
            data-testid="draft-paragraph"
          >
            {stage.text}
          </p>
        );
      })}
    </div>
  );
}
