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
          aria-pressed={language === strings.locale}
          data-testid={`language-${language}`}
          onClick={() => choose(language)}
        >
          {/* Why the full name as hidden words, not an aria-label: the spoken name must contain
              the visible "FR" (WCAG 2.5.3), so a voice-control user saying it reaches the button. */}
          {t.short[language]}
          <span className="visually-hidden"> {t.names[language]}</span>
        </button>
      ))}
    </div>
  );
}
