import { useModelQuery, useModelService, useServiceState } from '../service';
import { PictureGrid } from '../trainer/picture-grid';
import { useTranslation } from '../use-translation';
import { EvaluationView } from './evaluation-view';
import { PictureDropArea } from './inbox-upload';
import { picturesById } from './picture-detail';
import './inbox.css';

/**
 * Test pictures: a few pictures per class kept apart from training, and how the trained model does on them (the
 * same evaluation view as for the validation pictures, headed "test pictures").
 */
export function TestSetPanel() {
  const { t } = useTranslation();
  const service = useModelService();
  const { classes, testPictures, trained } = useServiceState((state) => ({
    classes: state.classes.map(({ id, name }) => ({ id, name })),
    testPictures: state.testPictures,
    trained: state.trained !== null,
  }));
  // The trained model on the test pictures, checked again when the model, the test pictures or the classes change.
  const key = [...classes.map((info) => info.id), ...testPictures.map((picture) => `${picture.id}:${picture.classId}`)].join('|');
  const { result: report, problem } = useModelQuery({ key, ask: () => service.evaluateTestPictures() });

  let evaluation;
  if (!trained) evaluation = <p className="imt-field-help">{t('lab.test.needModel')}</p>;
  else if (testPictures.length === 0) evaluation = <p className="imt-field-help">{t('lab.test.needPictures')}</p>;
  else if (problem)
    evaluation = (
      <p className="imt-note imt-note--bad" role="alert">
        {t(`errors.${problem}`)}
      </p>
    );
  else if (!report)
    evaluation = (
      <p className="imt-field-help" role="status">
        {t('lab.checking')}
      </p>
    );
  else evaluation = <EvaluationView report={report} pictures={picturesById(testPictures)} />;

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
