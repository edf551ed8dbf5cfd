import { useId } from 'react';
import type { LabReport, PictureView } from '../../model-service';
import { percent } from '../trainer/hint-text';
import { useTranslation } from '../use-translation';
import { PictureResults } from './picture-detail';

/** How strongly a cell is coloured: its share of its row (what fraction of that class's pictures went there). */
function cellShade(count: number, rowTotal: number): number {
  return rowTotal > 0 ? count / rowTotal : 0;
}

/**
 * The mix-up table (confusion matrix): rows are what the pictures really show, columns what the model said.
 * Green on the diagonal (right), red elsewhere (mix-ups), stronger for more pictures; every cell also says in words
 * what it counts, and the biggest mix-ups are written out below.
 */
function MixUpTable({ report }: { readonly report: LabReport }) {
  const { t } = useTranslation();
  const { classes, evaluation } = report;
  const mixUps = evaluation.confusion
    .flatMap((row, really) => row.map((count, said) => ({ really, said, count })))
    .filter((cell) => cell.really !== cell.said && cell.count > 0)
    .sort((a, b) => b.count - a.count);
  return (
    <div className="iml-matrix">
      <table>
        <caption>{t('lab.evaluation.matrix')}</caption>
        <thead>
          <tr>
            <td className="iml-matrix__corner">
              <span>{t('lab.evaluation.said')} →</span>
              <span>{t('lab.evaluation.really')} ↓</span>
            </td>
            {classes.map((info) => (
              <th key={info.id} scope="col">
                {info.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {evaluation.confusion.map((row, really) => {
            const rowTotal = row.reduce((sum, count) => sum + count, 0);
            return (
              <tr key={classes[really].id}>
                <th scope="row">{classes[really].name}</th>
                {row.map((count, said) => {
                  const right = really === said;
                  const words = t(right ? 'lab.evaluation.cellRight' : 'lab.evaluation.cellWrong', {
                    count,
                    really: classes[really].name,
                    said: classes[said].name,
                  });
                  const shade = cellShade(count, rowTotal);
                  return (
                    <td
                      key={classes[said].id}
                      className={`iml-matrix__cell ${right ? 'iml-matrix__cell--right' : 'iml-matrix__cell--wrong'}`}
                      style={{ ['--iml-shade' as string]: String(count > 0 ? 0.15 + 0.85 * shade : 0) }}
                      title={words}
                    >
                      <span aria-hidden="true">{count}</span>
                      <span className="imt-visually-hidden">{words}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="imt-field-help">{t('lab.evaluation.matrixHelp')}</p>
      <ul className="iml-mixups">
        {mixUps.length === 0 ? (
          <li>{t('lab.evaluation.noMixUps')}</li>
        ) : (
          mixUps.slice(0, 3).map((cell) => (
            <li key={`${cell.really}-${cell.said}`}>
              {t(cell.count === 1 ? 'lab.evaluation.mixUpOne' : 'lab.evaluation.mixUp', {
                really: classes[cell.really].name,
                said: classes[cell.said].name,
                count: cell.count,
              })}
            </li>
          ))
        )}
      </ul>
    </div>
  );
}

/**
 * Accuracy on pictures the model did not learn from (validation or test pictures), honestly labelled, per class, as
 * a mix-up table and picture by picture. `pictures` has the checked pictures' JPEGs by id.
 */
export function EvaluationView({ report, pictures }: { readonly report: LabReport; readonly pictures: ReadonlyMap<string, PictureView> }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { evaluation, classes, measuredOn } = report;
  const how = {
    'held-out': t('lab.evaluation.heldOut', { count: evaluation.total }),
    'leave-one-out': t('lab.evaluation.leaveOneOut', { count: evaluation.total }),
    practice: t('lab.evaluation.practice'),
    test: t('lab.evaluation.test', { count: evaluation.total }),
  }[measuredOn];
  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">
        {t(measuredOn === 'test' ? 'lab.evaluation.testHeading' : 'lab.evaluation.heading')}
      </h4>
      {evaluation.accuracy === undefined ? (
        <p className="imt-note">{t('lab.evaluation.none')}</p>
      ) : (
        <>
          <p className="iml-score">
            <strong>{t('lab.evaluation.accuracy', { percent: percent(evaluation.accuracy) })}</strong>
            <span>{t('lab.evaluation.rightWrong', { right: evaluation.right, wrong: evaluation.wrong })}</span>
          </p>
          <p className={measuredOn === 'practice' ? 'imt-note imt-note--warn' : 'imt-field-help'}>{how}</p>
          {evaluation.shaky && <p className="imt-note imt-note--warn">{t('lab.evaluation.shaky', { count: evaluation.total })}</p>}
          <h5 className="iml-subheading">{t('lab.evaluation.perClass')}</h5>
          <ul className="imt-meters">
            {evaluation.perClass.map((score, index) => {
              const name = classes[index].name;
              const value = score.accuracy === undefined ? 0 : percent(score.accuracy);
              const words =
                score.accuracy === undefined
                  ? t('lab.evaluation.classNoPictures', { name })
                  : t('lab.evaluation.classScore', { name, right: score.right, total: score.total });
              return (
                <li key={classes[index].id} className="imt-meter">
                  <span className="imt-meter__name">{name}</span>
                  <div className="imt-meter__track" role="img" aria-label={words}>
                    <div className="imt-meter__bar" style={{ width: `${value}%` }} />
                  </div>
                  <span className="imt-meter__value" aria-hidden="true">
                    {score.accuracy === undefined ? '–' : `${score.right}/${score.total}`}
                  </span>
                </li>
              );
            })}
          </ul>
          <MixUpTable report={report} />
          <PictureResults report={report} pictures={pictures} />
        </>
      )}
    </section>
  );
}
