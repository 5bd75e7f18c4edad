/**
 * Counts and numbers inside sentences, by each language's own rules: French says "0 histoire"
 * and "1,5×", English "0 stories" and "1.5×". The strings files use these instead of `=== 1`.
 */
import type { Language } from './locale';

const pluralRules = new Map<Language, Intl.PluralRules>();

function rulesFor(language: Language): Intl.PluralRules {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules;
}

/** `# ` in the form is replaced by the count, written the language's way (1 000 / 1,000). */
export interface PluralForms {
  one: string;
  other: string;
}

/** plural('fr', 2, { one: '# page', other: '# pages' }) → "2 pages". */
export function plural(language: Language, count: number, forms: PluralForms): string {
  // Why one/other only: English has no other category, and French's "many" (un million *d'*histoires)
  // is a count no library reaches.
  const form = rulesFor(language).select(count) === 'one' ? forms.one : forms.other;
  return form.replace('#', new Intl.NumberFormat(language).format(count));
}

/** A number with exactly `digits` decimals: formatNumber('fr', 1, 1) → "1,0". */
export function formatNumber(language: Language, value: number, digits = 0): string {
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A share from 0 to 1 as a whole percent: formatShare('fr', 0.42) → "42 %". */
export function formatShare(language: Language, share: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
