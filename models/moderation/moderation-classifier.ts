/**
 * The second pass: a classifier (an LLM prompted for it, implemented with the drafting
 * engine in models/llm) that reads a whole text and judges what word lists cannot: a
 * threat without a listed word, a frightening scene told gently or not, grooming. It
 * returns passages of the text with a category and severity; moderate-with-classifier.ts
 * merges them with the lists' findings.
 *
 * Its answers come from a model, so they are parsed here, at the edge: unknown categories
 * and severities, empty passages and anything past MAX_CLASSIFIER_FINDINGS are dropped, and
 * spelling slips a model makes ("Self_Harm", "SEVERE ") are forgiven.
 */
import { z } from 'zod';

import type { AgeRange } from './age-range';
import { MODERATION_CATEGORIES, SEVERITIES } from './moderation-category';
import type { ModerationCategory, Severity } from './moderation-category';

export interface ClassifierFinding {
  category: ModerationCategory;
  severity: Severity;
  /** The words of the text it objects to, ideally copied verbatim (they are looked up in it). */
  passage: string;
}

export interface ModerationClassifier {
  /** Rejects with the signal's reason when aborted. */
  classify(text: string, ageRange: AgeRange, signal?: AbortSignal): Promise<ClassifierFinding[]>;
}

/** More than this from one text is a model gone astray; the rest is ignored. */
export const MAX_CLASSIFIER_FINDINGS = 100;
/** A passage longer than this is cut (a model quoting the whole story back). */
export const MAX_CLASSIFIER_PASSAGE = 1000;

const loose = (values: readonly string[]) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .trim()
            .toLowerCase()
            .replace(/[_\s]+/g, '-')
        : value,
    z.enum(values as [string, ...string[]]),
  );

const classifierFindingSchema = z.object({
  category: loose(MODERATION_CATEGORIES),
  severity: loose(SEVERITIES),
  passage: z
    .string()
    .transform((passage) => passage.trim().slice(0, MAX_CLASSIFIER_PASSAGE))
    .pipe(z.string().min(1)),
});

/** The classifier's answer as far as it is usable; never throws. */
export function parseClassifierFindings(answer: unknown): ClassifierFinding[] {
  if (!Array.isArray(answer)) return [];
  const findings: ClassifierFinding[] = [];
  for (const item of answer.slice(0, MAX_CLASSIFIER_FINDINGS)) {
    const parsed = classifierFindingSchema.safeParse(item);
    if (parsed.success) findings.push(parsed.data as ClassifierFinding);
  }
  return findings;
}
