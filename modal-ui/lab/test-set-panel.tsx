import { useEffect, useState } from 'react';
import { problemCode, type LabReport, type ModelService, type ModelServiceState, type ProblemCode } from '../../model-service';
import { PictureGrid } from '../trainer/picture-grid';
import { useTranslation } from '../use-translation';
import { EvaluationView } from './evaluation-view';
import { PictureDropArea } from './inbox-upload';
import { picturesById } from './picture-detail';
import './inbox.css';

type TestReportState =
  | { readonly status: 'none' }
  | { readonly status: 'ready'; readonly report: LabReport }
  | { readonly status: 'failed'; readonly problem: ProblemCode };

/** The trained model on the test pictures, checked again when the model, the test pictures or the classes change. */
function useTestReport(service: ModelService, state: ModelServiceState): TestReportState {
  const key = state.trained
    ? [state.trained.trainedAt, state.trained.small, ...state.classes.map((info) => info.id), ...state.testPictures.map((picture) => `${picture.id}:${picture.classId}`)].join('|')
    : null;
  const [result, setResult] = useState<TestReportState>({ status: 'none' });
  useEffect(() => {
    if (key === null) {
      setResult({ status: 'none' });
      return undefined;
    }
    let current = true;
    service.evaluateTestPictures().then(
      (report) => { if (current) setResult({ status: 'ready', report }); },
      (error: unknown) => { if (current) setResult({ status: 'failed', problem: problemCode(error) }); },
    );
    return () => { current = false; };
  }, [service, key]);
  return result;
}

/**
 * Test pictures: a few pictures per class kept apart from training, and how the trained model does on them (the
 * same evaluation view as for the validation pictures, headed "test pictures").
 */
export function TestSetPanel({ service, state }: { readonly service: ModelService; readonly state: ModelServiceState }) {
  const { t } = useTranslation();
  const result = useTestReport(service, state);
  const { classes, testPictures, trained } = state;

  let evaluation;
  if (!trained) evaluation = <p className="imt-field-help">{t('lab.test.needModel')}</p>;
  else if (testPictures.length === 0) evaluation = <p className="imt-field-help">{t('lab.test.needPictures')}</p>;
  else if (result.status === 'failed') evaluation = <p className="imt-note imt-note--bad" role="alert">{t(`errors.${result.problem}`)}</p>;
  else if (result.status === 'none') evaluation = <p className="imt-field-help" role="status">{t('lab.checking')}</p>;
  else evaluation = <EvaluationView report={result.report} pictures={picturesById(testPictures)} />;

  return (
    <section aria-label={t('lab.test.heading')}>
      <h4 className="imt-heading">{t('lab.test.heading')}</h4>
      <p className="imt-field-help">{t('lab.test.help')}</p>
      {classes.length === 0 ? (
        <p className="imt-note imt-note--warn">{t('lab.test.needClasses')}</p>
      ) : (
        <div className="iml-test-classes">
          {classes.map((info) => (
            <PictureDropArea
              key={info.id}
              label={t('lab.test.classArea', { name: info.name })}
              buttonText={t('lab.test.add')}
              onPictures={(pictures) => service.addTestPictures(info.id, pictures)}
            >
              <h5 className="iml-subheading">{t('lab.test.classArea', { name: info.name })}</h5>
              <PictureGrid
                className={info.name}
                pictures={testPictures.filter((picture) => picture.classId === info.id)}
                onRemove={(pictureId) => service.removeTestPicture(pictureId)}
              />
            </PictureDropArea>
          ))}
        </div>
      )}
      {evaluation}
    </section>
  );
}
