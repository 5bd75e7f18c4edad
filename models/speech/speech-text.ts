/**
 * Story text made safe to hand to espeak-ng, and cut into clauses the way Piper's phonemizer
 * sees them.
 *
 * Safe: espeak-ng reads more than words from plain text, even with SSML off. Control characters
 * (ctrl-A starts an "embedded command": "\u000150S" would change the speed) and `[[…]]` (raw
 * phoneme input) are interpreted. A story must be spoken as written, so control characters
 * become spaces and `[[` is split into `[ [`. `<tags>` and `&entities;` are already spoken as
 * text because we never pass `-m`.
 *
 * Clauses: Piper's phonemizer (piper-phonemize, `phonemize_eSpeak`) asks espeak-ng for one
 * clause at a time and appends the punctuation that ended it (`.`, `?`, `!`, or `,` `:` `;`
 * followed by a space), and a `.` `?` `!` ends the sentence, i.e. one model run. The espeak-ng
 * program prints phonemes without that punctuation, so we find the clause ends ourselves: a run
 * of .?!…,:; (optionally followed by closing quotes or brackets) before a space or the end.
 * A blank line (a new paragraph) also ends a sentence.
 */

export type ClauseEnd = '.' | '?' | '!' | ',' | ':' | ';';

export interface Clause {
  /** The clause as written, punctuation included, on one line. */
  text: string;
  /** The punctuation Piper appends after the clause's phonemes, if any. */
  end: ClauseEnd | null;
  /** Whether a new sentence (a new model run) starts after this clause. */
  endsSentence: boolean;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The text with everything espeak-ng would interpret rather than speak neutralised. */
export function neutralizeForEspeak(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/\[(?=\[)/g, '[ ');
}

const CLAUSE_END = /[.!?…,:;]+["'»”’)\]]*(?=\s|$)/gu;
const SPEAKABLE = /[\p{L}\p{N}]/u;

function endOf(punctuation: string): ClauseEnd | null {
  const last = [...punctuation].reverse().find((char) => '.!?…,:;'.includes(char));
  if (last === undefined) return null;
  return last === '…' ? '.' : (last as ClauseEnd);
}

/**
 * Longest clause line in UTF-8 bytes. The espeak-ng program reads stdin line by line in a fixed
 * buffer and cuts longer lines mid-word (seen with 1.51 near 1,000 bytes); 400 leaves room.
 */
export const MAX_CLAUSE_BYTES = 400;

/** Cuts an over-long clause at spaces into pieces of at most `maxBytes` bytes (a word longer than that alone). */
function pieces(clause: string, maxBytes: number): string[] {
  if (Buffer.byteLength(clause) <= maxBytes) return [clause];
  const result: string[] = [];
  let current = '';
  for (const word of clause.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (Buffer.byteLength(candidate) <= maxBytes || current === '') current = candidate;
    else {
      result.push(current);
      current = word;
    }
  }
  if (current !== '') result.push(current);
  return result.flatMap((piece) => cutWord(piece, maxBytes));
}

/** A single word longer than the limit is cut between characters (it is not a word anyone reads). */
function cutWord(piece: string, maxBytes: number): string[] {
  if (Buffer.byteLength(piece) <= maxBytes) return [piece];
  const result: string[] = [];
  let current = '';
  for (const char of piece) {
    if (Buffer.byteLength(current + char) > maxBytes) {
      result.push(current);
      current = '';
    }
    current += char;
  }
  if (current !== '') result.push(current);
  return result;
}

/**
 * The clauses of `text`, in order. Clauses with nothing to say (no letter or digit) are left
 * out, but a sentence end they carried still ends the sentence.
 */
export function splitClauses(text: string, maxBytes = MAX_CLAUSE_BYTES): Clause[] {
  const clauses: Clause[] = [];
  const endSentence = (): void => {
    const last = clauses.at(-1);
    if (last) last.endsSentence = true;
  };
  for (const paragraph of neutralizeForEspeak(text).split(/\n\s*\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    let start = 0;
    const push = (raw: string, end: ClauseEnd | null): void => {
      const clause = raw.trim();
      const endsSentence = end === '.' || end === '?' || end === '!';
      if (!SPEAKABLE.test(clause)) {
        if (endsSentence) endSentence();
        return;
      }
      const parts = pieces(clause, maxBytes);
      parts.forEach((part, index) => {
        const last = index === parts.length - 1;
        clauses.push({ text: part, end: last ? end : null, endsSentence: last && endsSentence });
      });
    };
    for (const match of flat.matchAll(CLAUSE_END)) {
      const stop = match.index + match[0].length;
      push(flat.slice(start, stop), endOf(match[0]));
      start = stop;
    }
    push(flat.slice(start), null);
    endSentence();
  }
  return clauses;
}
