import { useTranslation } from 'react-i18next';
import type { CatalogueText } from '../../../../electron/backend/guide/contract';
import { useKioskStore } from '../../state/kioskStore';

/**
 * A catalogue text (a condition, a fee, a basis) in the citizen's language. On an English screen
 * a text the catalogue has no English for is shown in Chinese with a marker, so nothing is left
 * out and nothing pretends to be a translation; `lang` tells a screen reader which it is.
 */
export function useCatalogueText(): (text: CatalogueText) => { text: string; lang: 'zh-CN' | 'en' } {
  const language = useKioskStore((s) => s.language);
  const { t } = useTranslation();
  return (text) => {
    if (language !== 'en') return { text: text.zh, lang: 'zh-CN' };
    if (text.enMissing) return { text: `${text.zh} ${t('catalogue.inChinese')}`, lang: 'zh-CN' };
    return { text: text.en, lang: 'en' };
  };
}
