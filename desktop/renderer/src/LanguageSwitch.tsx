/**
 * The FR | EN switch in the top bar. The choice is remembered (locale.ts) and the page reloads
 * to apply it: the words are chosen once at load (see strings.ts), and a reload keeps the page
 * the parent is on (the route lives in the address) and the web key (kept for the session).
 */
import { LANGUAGES, saveLanguage, type Language } from './locale';
import { strings } from './strings';

const t = strings.languageSwitch;

function choose(language: Language): void {
  if (language === strings.locale) return;
  saveLanguage(language);
  window.location.reload();
}

export function LanguageSwitch() {
  return (
    <div className="language-switch" role="group" aria-label={t.label} data-testid="language-switch">
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-option"
          aria-label={t.names[language]}
          aria-pressed={language === strings.locale}
          data-testid={`language-${language}`}
          onClick={() => choose(language)}
        >
          {t.short[language]}
        </button>
      ))}
    </div>
  );
}
