import type { LocalizedText } from '../../../../electron/backend/api/contract';
import { useKioskStore } from '../../state/kioskStore';

/** The Chinese or English of a catalogue name, as the citizen chose. */
export function useLocalized(): (text: LocalizedText) => string {
  const language = useKioskStore((s) => s.language);
  return (text) => (language === 'en' ? text.en || text.zh : text.zh);
}
