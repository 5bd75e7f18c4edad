/**
 * Reads JSON that is still being written: the prefix a model has produced so far, closed at
 * the last point where it makes sense (an open string is closed, a key with no value yet is
 * dropped, open lists and objects are closed). The UI shows the draft forming from this; the
 * final text is parsed strictly. Returns undefined when nothing usable is there yet.
 */
export function parsePartialJson(prefix: string): unknown {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  /** Where the string being read started, and whether it is an object key. */
  let stringStart = -1;
  let lastKeyStart = -1;
  for (let i = 0; i < prefix.length; i += 1) {
    const ch = prefix[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      stringStart = i;
      if (stack.at(-1) === '{' && isKeyPosition(prefix, i)) lastKeyStart = i;
    } else if (ch === '{' || ch === '[') stack.push(ch);
    else if (ch === '}' || ch === ']') stack.pop();
  }
  let text = prefix;
  if (inString) {
    // A half-written escape (\ or \u12) would make the closed string invalid: cut it.
    text = text.replace(/\\(u[0-9a-fA-F]{0,3})?$/, '');
    if (stack.at(-1) === '{' && lastKeyStart === stringStart) text = text.slice(0, stringStart);
    else text += '"';
  }
  text = text.trimEnd();
  if (stack.at(-1) === '{') {
    // A key with its colon but no value yet, or a whole key with no colon yet: not a member yet.
    if (text.endsWith(':')) text = text.slice(0, lastKeyStart);
    else if (!inString && lastKeyStart >= 0 && text.endsWith('"') && isKeyString(text, lastKeyStart)) {
      text = text.slice(0, lastKeyStart);
    }
  }
  text = text.trimEnd().replace(/,$/, '');
  const closers = [...stack]
    .reverse()
    .map((open) => (open === '{' ? '}' : ']'))
    .join('');
  try {
    return JSON.parse(text + closers);
  } catch {
    return undefined;
  }
}

/** A string right after `{` or `,` inside an object is a key. */
function isKeyPosition(text: string, quoteAt: number): boolean {
  for (let i = quoteAt - 1; i >= 0; i -= 1) {
    const ch = text[i]!;
    if (/\s/.test(ch)) continue;
    return ch === '{' || ch === ',';
  }
  return false;
}

/** True when the string starting at `start` runs to the end of `text` (it is the last token). */
function isKeyString(text: string, start: number): boolean {
  let escaped = false;
  for (let i = start + 1; i < text.length; i += 1) {
    if (escaped) escaped = false;
    else if (text[i] === '\\') escaped = true;
    else if (text[i] === '"') return i === text.length - 1;
  }
  return false;
}
