export { TicketDispenser, TICKET_TAKEN_POLL_MS } from './ticket-dispenser';
export type { DispenseOutcome, DispenseResult } from './ticket-dispenser';
export { GENERIC_PRESENTER, parseHexBytes } from './presenter-model';
export type { PresenterModel } from './presenter-model';
export { HidButtonPanel, DEFAULT_BUTTON_PANEL_LAYOUT } from './hid-button-panel';
export type { ButtonPanelLayout } from './hid-button-panel';
