import { useTranslation } from 'react-i18next';
import { EnumSelect } from '../../components/EnumSelect';
import { LANGUAGES, changeLanguage, isLanguage } from '../../i18n/i18n';

/** Switches the workspace's language at runtime; the choice is remembered. */
export function LanguageSelect() {
  const { i18n } = useTranslation();
  return (
    <EnumSelect
      className="language-select"
      labelKey="language.label"
      values={LANGUAGES}
      optionKey={(language) => `language.${language}`}
      // Each language's name is written in that language.
      optionLang={(language) => language}
      value={isLanguage(i18n.language) ? i18n.language : LANGUAGES[0]}
      onChange={(language) => void changeLanguage(language)}
    />
  );
}
