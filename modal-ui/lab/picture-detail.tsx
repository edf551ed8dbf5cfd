import { useState, type KeyboardEvent } from 'react';
import type { LabReport, PictureView } from '../../model-service';
import { usePictureUrl } from '../trainer/use-picture-url';
import { useTranslation } from '../use-translation';
import { LabDialog } from './lab-dialog';
import { LookedAt } from './looked-at';
import './picture-detail.css';

/** One checked picture: its JPEG and its result in the report. */
interface CheckedPicture {
  readonly picture: PictureView;
  readonly trueClass: number;
  readonly predictedClass: number;
  readonly correct: boolean;
  readonly percentages: readonly number[];
}

/** The report's pictures that are still there (a picture deleted since is left out). */
function checkedPictures(report: LabReport, pictures: ReadonlyMap<string, PictureView>): CheckedPicture[] {
  return report.evaluation.pictures.flatMap((result, i) => {
    const picture = pictures.get(report.pictureIds[i]);
    return picture ? [{ ...result, picture }] : [];
  });
}

export function picturesById(pictures: readonly PictureView[]): ReadonlyMap<string, PictureView> {
  return new Map(pictures.map((picture) => [picture.id, picture]));
}

/** A bar per class with its percentage, the model's answer highlighted. */
function ClassBars({ report, checked }: { readonly report: LabReport; readonly checked: CheckedPicture }) {
  const { t } = useTranslation();
  return (
    <ul className="imt-meters" aria-label={t('lab.detail.bars')}>
      {report.classes.map((info, index) => {
        const value = checked.percentages[index];
        return (
          <li key={info.id} className={`imt-meter${index === checked.predictedClass ? ' imt-meter--top' : ''}`}>
            <span className="imt-meter__name">{info.name}</span>
            <div className="imt-meter__track" role="img" aria-label={t('lab.detail.bar', { name: info.name, percent: value })}>
              <div className="imt-meter__bar" style={{ width: `${value}%` }} />
            </div>
            <span className="imt-meter__value" aria-hidden="true">{`${value}%`}</span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A checked picture large, with its label, the model's answer and a bar per class; Previous/Next walk through the
 * pictures, Escape closes, and focus goes back to the picture that opened it.
 */
function PictureDetail({
  report,
  list,
  index,
  onIndexChange,
  onClose,
}: {
  readonly report: LabReport;
  readonly list: readonly CheckedPicture[];
  readonly index: number;
  onIndexChange(index: number): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const checked = list[index];
  const url = usePictureUrl(checked.picture.encoded);
  const { classes } = report;

  const onKey = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLSelectElement) return;
    if (event.key === 'ArrowLeft' && index > 0) onIndexChange(index - 1);
    else if (event.key === 'ArrowRight' && index < list.length - 1) onIndexChange(index + 1);
  };

  return (
    <LabDialog
      title={t('lab.detail.title', { number: index + 1, total: list.length })}
      onKey={onKey}
      onClose={onClose}
      actions={
        <>
          <button
            type="button"
            className="imt-button imt-button--secondary"
            disabled={index === 0}
            onClick={() => onIndexChange(index - 1)}
          >
            {t('lab.detail.previous')}
          </button>
          <button
            type="button"
            className="imt-button imt-button--secondary"
            disabled={index === list.length - 1}
            onClick={() => onIndexChange(index + 1)}
          >
            {t('lab.detail.next')}
          </button>
        </>
      }
    >
      <LookedAt picture={{ pictureId: checked.picture.id }} identity={checked.picture.id}>
        {url && <img className="iml-detail__picture" src={url} alt="" width={224} height={224} />}
      </LookedAt>
      <div className="iml-detail__facts">
        <p className="iml-detail__label">{t('lab.detail.really', { name: classes[checked.trueClass].name })}</p>
        <p>{t('lab.detail.said', { name: classes[checked.predictedClass].name })}</p>
        <p className={checked.correct ? 'imt-note imt-note--good' : 'imt-note imt-note--bad'}>
          {t(checked.correct ? 'lab.detail.right' : 'lab.detail.wrong')}
        </p>
        <ClassBars report={report} checked={checked} />
      </div>
    </LabDialog>
  );
}

function PictureButton({
  report,
  checked,
  number,
  onOpen,
}: {
  readonly report: LabReport;
  readonly checked: CheckedPicture;
  readonly number: number;
  onOpen(): void;
}) {
  const { t } = useTranslation();
  const url = usePictureUrl(checked.picture.encoded);
  const { classes } = report;
  const said = classes[checked.predictedClass].name;
  return (
    <li className={`iml-checked${checked.correct ? '' : ' iml-checked--wrong'}`}>
      <button
        type="button"
        className="iml-checked__open"
        aria-label={t('lab.evaluation.pictureButton', {
          number,
          really: classes[checked.trueClass].name,
          said,
          percent: checked.percentages[checked.predictedClass],
        })}
        onClick={onOpen}
      >
        {url && <img src={url} alt="" width={72} height={72} />}
      </button>
      <span className="iml-checked__label">{t('lab.detail.really', { name: classes[checked.trueClass].name })}</span>
      <ul className="iml-checked__percentages">
        {classes.map((info, index) => (
          <li key={info.id} className={index === checked.predictedClass ? 'iml-checked__top' : undefined}>
            {t('lab.detail.bar', { name: info.name, percent: checked.percentages[index] })}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Every checked picture with the model's percentage for each class; clicking one opens it large. */
export function PictureResults({ report, pictures }: { readonly report: LabReport; readonly pictures: ReadonlyMap<string, PictureView> }) {
  const { t } = useTranslation();
  const list = checkedPictures(report, pictures);
  const [open, setOpen] = useState<number | null>(null);
  if (list.length === 0) return null;
  const shown = open === null ? null : Math.min(open, list.length - 1);
  return (
    <>
      <h5 className="iml-subheading">{t('lab.evaluation.pictures')}</h5>
      <p className="imt-field-help">{t('lab.evaluation.picturesHelp')}</p>
      <ul className="iml-checked-list" aria-label={t('lab.evaluation.pictureList')}>
        {list.map((checked, index) => (
          <PictureButton key={checked.picture.id} report={report} checked={checked} number={index + 1} onOpen={() => setOpen(index)} />
        ))}
      </ul>
      {shown !== null && <PictureDetail report={report} list={list} index={shown} onIndexChange={setOpen} onClose={() => setOpen(null)} />}
    </>
  );
}
