/**
 * The renderer's state: what the backend says (kiosk state), where the citizen is in the flow, and
 * the citizen's preferences for this session. Personal data (the masked citizen, the ticket, the
 * error that may carry it) lives only here, in memory, and is wiped the moment the backend reports
 * that nobody is identified any more.
 */
import { create } from 'zustand';
import type { IssuedTicket, KioskState, QueueCategory } from '../../../electron/backend/api/contract';
import type { ApiError } from '../api/client';
import { DEFAULT_LANGUAGE, offeredLanguages, sessionLanguage, setI18nLanguage } from '../i18n';
import type { Language } from '../i18n';

/** 'identify' (typing the ID number) needs nobody identified. */
export type Screen =
  | 'home'
  | 'take-number'
  | 'taking'
  | 'ticket'
  | 'error'
  | 'identify'
  /** Book an appointment or check in for one. */
  | 'appointments'
  /** The citizen's unpaid orders and paying one. */
  | 'payments'
  /** Rating a visit or a case. */
  | 'evaluations'
  /** The service guide: browsing needs nobody identified. */
  | 'guide'
  /** Apply for an item or a bundle. */
  | 'apply'
  /** The citizen's cases and their timelines. */
  | 'progress'
  /** Certificates (证明) printed at once on A4. */
  | 'proofs';

export type Connection = 'connecting' | 'online' | 'offline';

export type CategoriesLoad =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; categories: QueueCategory[] }
  | { status: 'failed'; error: ApiError };

export interface KioskStoreState {
  /** Last state from GET /api/state; null until the first answer. */
  kiosk: KioskState | null;
  connection: Connection;
  screen: Screen;
  language: Language;
  elderly: boolean;
  /** Voice guidance: the screen's prompt is read aloud too. */
  voice: boolean;
  categories: CategoriesLoad;
  /** The category of the last ticket request, so "try again" can repeat it. */
  lastCategory: string | null;
  lastTicket: IssuedTicket | null;
  /** The error on the error screen. */
  error: ApiError | null;
  /** A card-reader problem reported by the event stream, shown on the home screen. */
  cardError: ApiError | null;
  /** The "please ask at the service desk" message is open. */
  staffMessage: boolean;
  /**
   * Incremented on every wipe: an answer to a request started in an earlier session is dropped
   * instead of landing on the next citizen's screen.
   */
  sessionEpoch: number;
}

export const initialKioskState: KioskStoreState = {
  kiosk: null,
  connection: 'connecting',
  screen: 'home',
  language: DEFAULT_LANGUAGE,
  elderly: false,
  voice: false,
  categories: { status: 'idle' },
  lastCategory: null,
  lastTicket: null,
  error: null,
  cardError: null,
  staffMessage: false,
  sessionEpoch: 0,
};

export const useKioskStore = create<KioskStoreState>()(() => ({ ...initialKioskState }));

/** Everything tied to the citizen (or to their session's choices) back to defaults; screen home. */
function personalReset(s: KioskStoreState): Partial<KioskStoreState> {
  return {
    screen: 'home',
    // The kiosk's own first language (Chinese unless it offers none), not the last citizen's.
    language: sessionLanguage(s.kiosk?.languages),
    elderly: false,
    voice: false,
    categories: { status: 'idle' },
    lastCategory: null,
    lastTicket: null,
    error: null,
    cardError: null,
    staffMessage: false,
    sessionEpoch: s.sessionEpoch + 1,
    kiosk: s.kiosk === null ? null : { ...s.kiosk, citizen: null },
  };
}

/** Wipes everything personal and returns home (card removed, session ended, idle timeout). */
export function wipeSession(): void {
  useKioskStore.setState(personalReset);
  setI18nLanguage(useKioskStore.getState().language);
}

/**
 * Applies a state from the backend. When the citizen goes away (card removed, session ended on the
 * backend), wipes the session.
 */
export function applyKioskState(next: KioskState): void {
  const previous = useKioskStore.getState().kiosk;
  const citizenLeft = previous !== null && previous.citizen !== null && next.citizen === null;
  useKioskStore.setState({ kiosk: next, connection: 'online' });
  // A language the kiosk does not offer (its config changed, or the first state arrived) is left.
  if (!offeredLanguages(next.languages).includes(useKioskStore.getState().language)) {
    setLanguage(sessionLanguage(next.languages));
  }
  if (citizenLeft) {
    // A reader that could not vouch for the card ended the session: its message says why the
    // screen went home, so it outlives the wipe (until its timer, like any card error).
    const ended = useKioskStore.getState().cardError;
    wipeSession();
    if (ended?.code === 'card-session-ended') useKioskStore.setState({ cardError: ended });
    return;
  }
  // Someone was identified: an old card-read error is no longer true (a session that ended is).
  const cardError = useKioskStore.getState().cardError;
  if (next.citizen !== null && cardError !== null && cardError.code !== 'card-session-ended') {
    useKioskStore.setState({ cardError: null });
  }
  // Nobody identified but a screen that needs a citizen: go home (e.g. first state after a reload).
  const screenNow = useKioskStore.getState().screen;
  if (
    next.citizen === null &&
    screenNow !== 'home' &&
    screenNow !== 'identify' &&
    screenNow !== 'guide' &&
    !screensKeptWithoutCitizen.some((keep) => keep(screenNow))
  ) {
    wipeSession();
  }
}

/** Screens a feature shows with nobody identified (e.g. a QR check-in's ticket), besides home. */
const screensKeptWithoutCitizen: ((screen: Screen) => boolean)[] = [];

/** A feature declares when its screen needs no citizen, so a state with nobody does not wipe it. */
export function keepScreenWithoutCitizen(keep: (screen: Screen) => boolean): void {
  screensKeptWithoutCitizen.push(keep);
}

export function setLanguage(language: Language): void {
  useKioskStore.setState({ language });
  setI18nLanguage(language);
}

/** 长辈模式 turns voice guidance on with it (适老化: read aloud); turning it off leaves voice as it is. */
export function setElderly(elderly: boolean): void {
  useKioskStore.setState(elderly ? { elderly, voice: true } : { elderly });
}

export function setVoiceGuidance(voice: boolean): void {
  useKioskStore.setState({ voice });
}

export function setConnection(connection: Connection): void {
  useKioskStore.setState({ connection });
}

export function showStaffMessage(open: boolean): void {
  useKioskStore.setState({ staffMessage: open });
}

export function goHome(): void {
  useKioskStore.setState({ screen: 'home', error: null, categories: { status: 'idle' } });
}

/** For tests: back to the state of a fresh page. */
export function resetKioskStore(): void {
  useKioskStore.setState({ ...initialKioskState }, true);
  setI18nLanguage(DEFAULT_LANGUAGE);
}
