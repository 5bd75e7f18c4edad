/**
 * Moderation's second pass with the loaded drafting model: it reads the text (in pieces that
 * fit a small model's context) and names, under a JSON-schema grammar, the passages a child
 * should not hear, with a category and a severity. Deterministic (temperature 0, seed 0), so
 * the same text with the same model gets the same answer. Its findings are merged with the
 * word lists' by models/moderation.
 */
import { MODERATION_CATEGORIES, SEVERITIES } from '../moderation/moderation-category';
import type { AgeRange } from '../moderation/age-range';
import {
  parseClassifierFindings,
  type ClassifierFinding,
  type ModerationClassifier,
} from '../moderation/moderation-classifier';
import type { LocalLlm } from './local-llm';

/** Characters of text per model call: about 1,000 tokens, room to spare in a 4k context. */
const PIECE_CHARS = 4000;
/** A story longer than this many pieces is read in its first ones only (the lists read it all). */
const MAX_PIECES = 8;

const SCHEMA = {
  type: 'object',
  properties: {
    findings: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        properties: {
          category: { enum: [...MODERATION_CATEGORIES] },
          severity: { enum: [...SEVERITIES] },
          passage: { type: 'string', maxLength: 300 },
        },
        required: ['category', 'severity', 'passage'],
      },
    },
  },
  required: ['findings'],
} as const;

export class LlmModerationClassifier implements ModerationClassifier {
  readonly #llm: LocalLlm;

  constructor(llm: LocalLlm) {
    this.#llm = llm;
  }

  /** The model's file, to record which model judged. */
  get model(): string {
    return this.#llm.facts.path;
  }

  async classify(text: string, ageRange: AgeRange, signal?: AbortSignal): Promise<ClassifierFinding[]> {
    const findings: ClassifierFinding[] = [];
    for (const piece of pieces(text)) {
      const done = await this.#llm.generate(
        {
          system: `You check stories before they are read to a child aged ${ageRange.replace('-', ' to ')}. You list passages with violence, sexual content, self-harm, hate, drugs or alcohol, frightening scenes, swearing, or personal data (real names with addresses, phone numbers, schools). Copy each passage word for word. A gentle fairy-tale peril is fine. Answer with JSON only; an empty list when nothing is wrong.`,
          history: [],
          prompt: `Story:\n${piece}`,
          schema: SCHEMA,
          maxTokens: 800,
          seed: 0,
          temperature: 0,
        },
        { signal },
      );
      let answer: unknown;
      try {
        answer = (JSON.parse(done.text) as { findings?: unknown }).findings;
      } catch {
        answer = [];
      }
      findings.push(...parseClassifierFindings(answer));
    }
    return findings;
  }
}

function pieces(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length && out.length < MAX_PIECES; at += PIECE_CHARS)
    out.push(text.slice(at, at + PIECE_CHARS));
  return out;
}
