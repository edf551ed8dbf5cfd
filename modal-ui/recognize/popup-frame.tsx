// A small modal dialog: named by its title, focus kept inside (the trainer's focus trap), the first useful
// control focused on open, Esc closes.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useFocusTrap } from '../trainer/use-focus-trap';
import { useTranslation } from '../use-translation';
import './recognize-popup.css';

export interface PopupFrameProps {
  readonly title: string;
  readonly subtitle?: string;
  readonly role?: 'dialog' | 'alertdialog';
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer: ReactNode;
}

export function PopupFrame({ title, subtitle, role = 'dialog', onClose, children, footer }: PopupFrameProps) {
  const { locale } = useTranslation();
  const titleId = useId();
  const subtitleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useFocusTrap(dialog, true);

  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      closeRef.current();
    };
    // Captured on the window: Esc works wherever focus is, and the editor's own key handlers never see it.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  return (
    <div className="imr-backdrop">
      <div
        ref={dialog}
        className="imr-dialog"
        lang={locale}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={subtitle ? subtitleId : undefined}
        tabIndex={-1}
      >
        <div className="imr-header">
          <h2 id={titleId} className="imr-title">
            {title}
          </h2>
          {subtitle && (
            <p id={subtitleId} className="imr-subtitle">
              {subtitle}
            </p>
          )}
        </div>
        <div className="imr-body">{children}</div>
        <div className="imr-footer">{footer}</div>
      </div>
    </div>
  );
}

/** A popup that only tells something: its one button, OK, closes it. */
export function OkPopup({ onClose, ...frame }: Omit<PopupFrameProps, 'footer' | 'subtitle'>) {
  const { t } = useTranslation();
  return (
    <PopupFrame
      {...frame}
      onClose={onClose}
      footer={
        <button type="button" className="imr-button" onClick={onClose} data-autofocus>
          {t('blocks.popupOk')}
        </button>
      }
    />
  );
}
