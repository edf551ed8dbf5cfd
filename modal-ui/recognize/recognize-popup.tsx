// The popup `recognize image` opens, and the notice for a recognition that failed afterwards.
import type { EngineErrorCode, RgbaImage } from '../../engine';
import type { PictureRequest } from '../../extension/contract';
import { useTranslation } from '../use-translation';
import { PictureChooser } from './picture-chooser';
import { OkPopup, PopupFrame } from './popup-frame';

export interface RecognizePopupProps {
  readonly request: PictureRequest;
  /** Other scripts waiting for a picture after this one. */
  readonly waiting: number;
  readonly error: EngineErrorCode | null;
  readonly onAnswer: (picture: RgbaImage | null) => void;
  /** Absent in a game page, which has no trainer: the popup then says the game has no working model. */
  readonly onOpenTrainer?: () => void;
}

export function RecognizePopup({ request, waiting, error, onAnswer, onOpenTrainer }: RecognizePopupProps) {
  const { t } = useTranslation();
  const cancel = () => onAnswer(null);
  const subtitle = [
    request.title ? t('blocks.popupAskedBy', { sprite: request.title }) : '',
    waiting > 0 ? t('blocks.popupWaiting', { count: waiting }) : '',
  ]
    .filter(Boolean)
    .join(' ');

  if (request.needsModel) {
    if (!onOpenTrainer) {
      return (
        <OkPopup title={t('webPage.noModelTitle')} onClose={cancel}>
          <p className="imr-hint">{t('webPage.noModelText')}</p>
        </OkPopup>
      );
    }
    return (
      <PopupFrame
        title={t('blocks.popupNeedsModelTitle')}
        onClose={cancel}
        footer={
          <>
            <button type="button" className="imr-button" data-variant="quiet" onClick={cancel}>
              {t('blocks.popupCancel')}
            </button>
            <button type="button" className="imr-button" onClick={onOpenTrainer} data-autofocus>
              {t('blocks.popupOpenTrainer')}
            </button>
          </>
        }
      >
        <p className="imr-hint">{t('blocks.popupNeedsModelText')}</p>
      </PopupFrame>
    );
  }

  return (
    <PopupFrame
      title={t('blocks.popupTitle')}
      subtitle={subtitle || undefined}
      onClose={cancel}
      footer={
        <button type="button" className="imr-button" data-variant="quiet" onClick={cancel}>
          {t('blocks.popupCancel')}
        </button>
      }
    >
      {error && (
        <p className="imr-problem" role="alert">
          {t(`errors.${error}`)}
        </p>
      )}
      <PictureChooser onPicture={onAnswer} />
    </PopupFrame>
  );
}

export interface RecognizeErrorNoticeProps {
  readonly code: EngineErrorCode;
  readonly onClose: () => void;
}

export function RecognizeErrorNotice({ code, onClose }: RecognizeErrorNoticeProps) {
  const { t } = useTranslation();
  return (
    <OkPopup role="alertdialog" title={t('blocks.popupErrorTitle')} onClose={onClose}>
      <p className="imr-hint">{t(`errors.${code}`)}</p>
    </OkPopup>
  );
}
