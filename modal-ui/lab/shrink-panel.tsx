import { useId, useState } from 'react';
import type { PictureView, ShrinkComparison, ShrinkView } from '../../model-service';
import { useModelQuery, useModelService, useServiceState } from '../service';
import { percent } from '../trainer/hint-text';
import { usePictureUrl } from '../trainer/use-picture-url';
import { useClassPicturesById } from './use-class-pictures';
import { useTranslation } from '../use-translation';

const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);

function ChangedPicture({ picture, before, after }: { readonly picture: PictureView; readonly before: string; readonly after: string }) {
  const { t } = useTranslation();
  const url = usePictureUrl(picture.encoded);
  const words = t('lab.shrink.changed', { before, after });
  return (
    <li className="iml-copy">
      {url && <img className="iml-copy__picture" src={url} alt="" width={80} height={80} />}
      <span>{words}</span>
    </li>
  );
}

/** Size and accuracy before and after 8-bit, what they were checked on, and the pictures whose answer changed. */
function ComparisonView({
  comparison,
  caption,
  sizeLabel,
}: {
  readonly comparison: ShrinkComparison;
  readonly caption: string;
  readonly sizeLabel: string;
}) {
  const { t } = useTranslation();
  const classes = useServiceState((state) => state.classes);
  const nameOf = (classId: string) => classes.find((info) => info.id === classId)?.name ?? '';
  const pictureById = useClassPicturesById();
  const changed = comparison.changed.filter((change) => pictureById.has(change.pictureId));
  const accuracy = (value: number | undefined) => (value === undefined ? '–' : t('lab.shrink.percent', { percent: percent(value) }));
  return (
    <>
      <table className="iml-shrink">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lab.shrink.what')}</th>
            <th scope="col">{t('lab.shrink.before')}</th>
            <th scope="col">{t('lab.shrink.after')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{sizeLabel}</th>
            <td>{t('lab.shrink.kilobytes', { size: kilobytes(comparison.bytesBefore) })}</td>
            <td>{t('lab.shrink.kilobytes', { size: kilobytes(comparison.bytesAfter) })}</td>
          </tr>
          <tr>
            <th scope="row">{t('lab.shrink.accuracy')}</th>
            <td>{accuracy(comparison.before.accuracy)}</td>
            <td>{accuracy(comparison.after.accuracy)}</td>
          </tr>
        </tbody>
      </table>
      <p className="imt-field-help">
        {t(comparison.measuredOn === 'held-out' ? 'lab.shrink.heldOut' : 'lab.shrink.practice', { count: comparison.before.total })}
      </p>
      <p>
        {changed.length === 0
          ? t('lab.shrink.noChanges')
          : t(changed.length === 1 ? 'lab.shrink.changesOne' : 'lab.shrink.changesOther', { count: changed.length })}
      </p>
      {changed.length > 0 && (
        <ul className="iml-copies">
          {changed.map((change) => (
            <ChangedPicture
              key={change.pictureId}
              picture={pictureById.get(change.pictureId)!}
              before={nameOf(change.beforeClassId)}
              after={nameOf(change.afterClassId)}
            />
          ))}
        </ul>
      )}
    </>
  );
}

/** "Also try shrinking MobileNet": the same comparison for the shared backbone, an experiment that keeps nothing. */
function BackboneShrink({ running }: { readonly running: boolean }) {
  const { t } = useTranslation();
  const { result: comparison, busy, problem, run } = useModelQuery<ShrinkComparison>();

  return (
    <div className="iml-shrink-backbone">
      <p className="imt-field-help">{t('lab.shrink.backboneNote')}</p>
      <button
        type="button"
        className="imt-button"
        onClick={() => void run((service) => service.shrinkBackbone())}
        disabled={busy || running}
      >
        {t('lab.shrink.backboneButton')}
      </button>
      {busy && (
        <p className="imt-field-help" role="status">
          {t('lab.shrink.backboneWorking')}
        </p>
      )}
      {problem && (
        <p className="imt-note imt-note--bad" role="alert">
          {t(`errors.${problem}`)}
        </p>
      )}
      {comparison && (
        <ComparisonView comparison={comparison} caption={t('lab.shrink.backboneTable')} sizeLabel={t('lab.shrink.backboneSize')} />
      )}
    </div>
  );
}

/** "Shrink it": size and accuracy before and after 8-bit, the pictures whose answer changed, and keeping it. */
export function ShrinkPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const service = useModelService();
  const { versionId, small, running } = useServiceState(({ trained, training }) => ({
    versionId: trained?.versionId ?? null,
    small: trained?.small ?? false,
    running: training.status === 'running',
  }));
  // Cleared by another trained version: keeping a shrink of an earlier one is meaningless.
  const { result: shrink, busy, problem, run: shrinkIt, clear } = useModelQuery<ShrinkView>();
  /** The version keeping made: "kept" is said while it is the one in use. */
  const [keptVersion, setKeptVersion] = useState<string | null>(null);
  const kept = keptVersion !== null && keptVersion === versionId;
  /** The child tried to keep a shrink of a model that was replaced meanwhile. */
  const [stale, setStale] = useState(false);

  const run = () => {
    setStale(false);
    return shrinkIt(() => service.shrinkModel());
  };

  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">
        {t('lab.shrink.heading')}
      </h4>
      <p className="imt-field-help">{t('lab.shrink.help')}</p>
      {kept ? (
        <p className="imt-note imt-note--good" role="status">
          {t('lab.shrink.kept')}
        </p>
      ) : small ? (
        <p className="imt-note">{t('lab.shrink.alreadySmall')}</p>
      ) : (
        <button type="button" className="imt-button" onClick={() => void run()} disabled={busy || running}>
          {t('lab.shrink.button')}
        </button>
      )}
      {busy && (
        <p className="imt-field-help" role="status">
          {t('lab.shrink.working')}
        </p>
      )}
      {stale && (
        <p className="imt-note imt-note--warn" role="status">
          {t('lab.shrink.stale')}
        </p>
      )}
      {problem && (
        <p className="imt-note imt-note--bad" role="alert">
          {t(`errors.${problem}`)}
        </p>
      )}
      {shrink && !kept && (
        <>
          <ComparisonView comparison={shrink} caption={t('lab.shrink.table')} sizeLabel={t('lab.shrink.size')} />
          <button
            type="button"
            className="imt-button imt-button--train"
            disabled={running}
            onClick={async () => {
              if (await service.keepShrunkModel(shrink)) {
                setKeptVersion(service.getState().trained?.versionId ?? null);
              } else {
                clear();
                setStale(true);
              }
            }}
          >
            {t('lab.shrink.keep')}
          </button>
        </>
      )}
      {versionId !== null && <BackboneShrink running={running} />}
    </section>
  );
}
