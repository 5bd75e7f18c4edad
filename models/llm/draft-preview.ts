/**
 * What the UI shows while a draft forms: the title, the summary and the words written so far
 * in reading order (a choice's question, then each option's label and pages), read from the
 * partial JSON however far it has got.
 */
export interface DraftPreview {
  title: string;
  summary: string;
  paragraphs: string[];
}

type Loose = Record<string, unknown>;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function draftPreview(partial: unknown): DraftPreview {
  const draft = (partial && typeof partial === 'object' ? partial : {}) as Loose;
  const paragraphs: string[] = [];
  const walk = (pages: unknown, choice: unknown): void => {
    for (const page of asList(pages)) if (asText(page)) paragraphs.push(asText(page));
    if (!choice || typeof choice !== 'object') return;
    const { question, options } = choice as Loose;
    if (asText(question)) paragraphs.push(asText(question));
    for (const option of asList(options)) {
      const { label, pages: optionPages, choice: inner } = (option ?? {}) as Loose;
      if (asText(label)) paragraphs.push(`→ ${asText(label)}`);
      walk(optionPages, inner);
    }
  };
  walk(draft.pages, draft.choice);
  for (const chapter of asList(draft.chapters)) {
    const { title, text } = (chapter ?? {}) as Loose;
    if (asText(title)) paragraphs.push(asText(title));
    if (asText(text)) paragraphs.push(asText(text));
  }
  if (asText(draft.text)) paragraphs.push(asText(draft.text));
  return { title: asText(draft.title), summary: asText(draft.summary), paragraphs };
}
