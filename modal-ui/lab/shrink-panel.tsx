import { useEffect, useId, useState } from 'react';
import {
  problemCode, type ModelService, type ModelServiceState, type PictureView, type ProblemCode, type ShrinkComparison,
} from '../../model-service';
import { percent } from '../trainer/hint-text';
import { usePictureUrl } from '../trainer/use-picture-url';
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
function ComparisonView({ comparison, state, caption, sizeLabel }: {
  readonly comparison: ShrinkComparison;
  readonly state: ModelServiceState;
  readonly caption: string;
  readonly sizeLabel: string;
}) {
  const { t } = useTranslation();
  const nameOf = (classId: string) => state.classes.find((info) => info.id === classId)?.name ?? '';
  const pictureById = new Map(state.classes.flatMap((info) => info.pictures.map((picture) => [picture.id, picture] as const)));
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

/**
 * One shrinking the child starts with a button: its result (cleared when another model is trained), whether it
 * is running, and what went wrong.
 */
function useShrinking<T>(work: () => Promise<T>, trainedAt: string | undefined) {
  const [result, setResult] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemCode | null>(null);

  useEffect(() => setResult(null), [trainedAt]);

  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await work());
    } catch (error) {
      setProblem(problemCode(error));
    } finally {
      setBusy(false);
    }
  };
  return { result, setResult, busy, problem, run };
}

/** "Also try shrinking MobileNet": the same comparison for the shared backbone, an experiment that keeps nothing. */
function BackboneShrink({ service, state }: { readonly service: ModelService; readonly state: ModelServiceState }) {
  const { t } = useTranslation();
  const { result: comparison, busy, problem, run } = useShrinking(() => service.shrinkBackbone(), state.trained?.trainedAt);

  return (
    <div className="iml-shrink-backbone">
      <p className="imt-field-help">{t('lab.shrink.backboneNote')}</p>
      <button type="button" className="imt-button" onClick={() => void run()} disabled={busy || state.training.status === 'running'}>
        {t('lab.shrink.backboneButton')}
      </button>
      {busy && <p className="imt-field-help" role="status">{t('lab.shrink.backboneWorking')}</p>}
      {problem && <p className="imt-note imt-note--bad" role="alert">{t(`errors.${problem}`)}</p>}
      {comparison && (
        <ComparisonView comparison={comparison} state={state} caption={t('lab.shrink.backboneTable')} sizeLabel={t('lab.shrink.backboneSize')} />
      )}
    </div>
  );
}

/** "Shrink it": size and accuracy before and after 8-bit, the pictures whose answer changed, and keeping it. */
export function ShrinkPanel({ service, state }: { readonly service: ModelService; readonly state: ModelServiceState }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [kept, setKept] = useState(false);
  /** The child tried to keep a shrink of a model that was replaced meanwhile. */
  const [stale, setStale] = useState(false);
  const { trained } = state;
  const trainedAt = trained?.trainedAt;
  const { result: shrink, setResult: setShrink, busy, problem, run: shrinkIt } = useShrinking(() => service.shrinkModel(), trainedAt);

  // Another model makes keeping the earlier result meaningless.
  useEffect(() => setKept(false), [trainedAt]);

  const run = () => {
    setStale(false);
    return shrinkIt();
  };

  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">{t('lab.shrink.heading')}</h4>
      <p className="imt-field-help">{t('lab.shrink.help')}</p>
      {kept ? (
        <p className="imt-note imt-note--good" role="status">{t('lab.shrink.kept')}</p>
      ) : trained?.small ? (
        <p className="imt-note">{t('lab.shrink.alreadySmall')}</p>
      ) : (
        <button type="button" className="imt-button" onClick={() => void run()} disabled={busy || state.training.status === 'running'}>
          {t('lab.shrink.button')}
        </button>
      )}
      {busy && <p className="imt-field-help" role="status">{t('lab.shrink.working')}</p>}
      {stale && <p className="imt-note imt-note--warn" role="status">{t('lab.shrink.stale')}</p>}
      {problem && <p className="imt-note imt-note--bad" role="alert">{t(`errors.${problem}`)}</p>}
      {shrink && !kept && (
        <>
          <ComparisonView comparison={shrink} state={state} caption={t('lab.shrink.table')} sizeLabel={t('lab.shrink.size')} />
          <button
            type="button"
            className="imt-button imt-button--train"
            disabled={state.training.status === 'running'}
            onClick={async () => {
              if (await service.keepShrunkModel(shrink)) {
                setKept(true);
              } else {
                setShrink(null);
                setStale(true);
              }
            }}
          >
            {t('lab.shrink.keep')}
          </button>
        </>
      )}
      {trained && <BackboneShrink service={service} state={state} />}
    </section>
  );
}
