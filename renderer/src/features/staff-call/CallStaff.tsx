import { useTranslation } from 'react-i18next';
import { showStaffMessage, useKioskStore } from '../../state/kioskStore';

/**
 * 帮办代办: the way to a person, on every screen.
 *
 * The kiosk cannot page hall staff yet (the staff-call slice only raises alerts for a slip that did
 * not print), so the button never pretends that someone was called: it tells the citizen to ask at
 * the service desk.
 */
export function CallStaffButton() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn-staff"
      data-testid="call-staff"
      onClick={() => showStaffMessage(true)}
    >
      {t('staff.call')}
    </button>
  );
}

export function StaffMessage() {
  const { t } = useTranslation();
  const open = useKioskStore((s) => s.staffMessage);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="staff-message-text">
      <div className="dialog">
        <p id="staff-message-text" className="dialog-text" data-testid="staff-message">
          {t('staff.message')}
        </p>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="staff-message-close"
          onClick={() => showStaffMessage(false)}
        >
          {t('staff.close')}
        </button>
      </div>
    </div>
  );
}
