import { ArrowLeft, House } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CallStaffButton } from '../features/staff-call/CallStaff';
import { navigateBack, navigateHome, useCanGoBack } from './navigation';

/**
 * The fixed footer of every screen: 返回, 首页 and 呼叫帮办. It sits outside the scrolling content
 * area, so no page, however long, can push the way to a person off the screen.
 */
export function NavFooter() {
  const { t } = useTranslation();
  const canGoBack = useCanGoBack();
  return (
    <footer className="bottom-bar" data-testid="nav-footer">
      <nav className="nav-buttons" aria-label={t('design.nav.label')}>
        <button
          type="button"
          className="btn btn-nav"
          data-testid="nav-back"
          disabled={!canGoBack}
          onClick={navigateBack}
        >
          <ArrowLeft className="btn-icon" aria-hidden="true" />
          {t('design.nav.back')}
        </button>
        <button
          type="button"
          className="btn btn-nav"
          data-testid="journey-home"
          disabled={!canGoBack}
          onClick={navigateHome}
        >
          <House className="btn-icon" aria-hidden="true" />
          {t('design.nav.home')}
        </button>
      </nav>
      <CallStaffButton />
    </footer>
  );
}
