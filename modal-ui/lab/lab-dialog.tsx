import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useFocusTrap } from '../trainer/use-focus-trap';
import { useTranslation } from '../use-translation';
import './picture-detail.css';

/**
 * A picture opened large in the Lab, over the page: focus stays inside while it is open, Escape or Close closes
 * it, and focus goes back to what opened it.
 */
export function LabDialog({
  title,
  actions,
  onKey,
  onClose,
  children,
}: {
  readonly title: string;
  /** Buttons shown before Close. */
  readonly actions?: ReactNode;
  /** Keys other than Escape. */
  onKey?(event: KeyboardEvent): void;
  onClose(): void;
  /** What goes beside the picture's title: the picture and its facts. */
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog, true);
  const titleId = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    // Handled here, so the trainer (which closes on Escape) leaves it alone.
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else {
      onKey?.(event);
    }
  };
  return (
    <div className="iml-detail__backdrop">
      <div
        ref={dialog}
        className="iml-detail"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h4 id={titleId} className="imt-heading">
          {title}
        </h4>
        <div className="iml-detail__body">{children}</div>
        <div className="iml-detail__nav">
          {actions}
          <button type="button" className="imt-button" onClick={onClose}>
            {t('lab.detail.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
