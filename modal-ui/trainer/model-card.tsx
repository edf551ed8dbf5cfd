import { useId } from 'react';
import { safeFileName } from '../../model-service';
import { useServiceState } from '../service';
import { downloadFile } from '../sharing/download';
import { modelCardPage, modelCardText } from './model-card-text';
import { useTranslation } from '../use-translation';

/** The id of the card's <details>, which "See the model card" opens. */
export const MODEL_CARD_ID = 'imt-model-card';

/** Opens the model card and brings it into view (the notice after opening a project with a model). */
export function showModelCard(): void {
  const details = document.getElementById(MODEL_CARD_ID);
  if (!(details instanceof HTMLDetailsElement)) return;
  details.open = true;
  details.scrollIntoView({ block: 'start' });
  details.querySelector('summary')?.focus();
}

/** The trained model's card, to read here, print, or save as a page (a teacher's record). */
export function ModelCardPanel() {
  const { t, locale } = useTranslation();
  const card = useServiceState((state) => state.trained?.card ?? null);
  const headingId = useId();
  if (!card) return null;
  const text = modelCardText(card, t, locale);
  const savePage = () =>
    downloadFile(`${safeFileName(text.title, 'model-card')}.html`, new TextEncoder().encode(modelCardPage(text, locale)), 'text/html');
  return (
    <details id={MODEL_CARD_ID} className="imt-panel imt-card">
      <summary className="imt-heading">{t('trainer.card.heading')}</summary>
      <p className="imt-intro">{t('trainer.card.intro')}</p>
      <article className="imt-card__page" aria-labelledby={headingId}>
        <h4 id={headingId} className="imt-card__title">
          {text.title}
        </h4>
        {text.sections.map((section) => (
          <section key={section.heading} className="imt-card__section">
            <h5 className="imt-card__heading">{section.heading}</h5>
            <ul aria-label={section.heading}>
              {section.lines.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          </section>
        ))}
      </article>
      <div className="imt-card__actions">
        <button type="button" className="imt-button" onClick={() => window.print()}>
          {t('trainer.card.print')}
        </button>
        <button type="button" className="imt-button" onClick={savePage}>
          {t('trainer.card.savePage')}
        </button>
      </div>
    </details>
  );
}
