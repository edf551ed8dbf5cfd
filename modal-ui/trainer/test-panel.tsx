import { useEffect, useId, useRef, useState } from 'react';
import type { RgbaImage } from '../../engine';
import type { RecognitionResult } from '../../model-service';
import { LookedAt } from '../lab/looked-at';
import { CameraView, useCamera } from '../camera';
import { ACCEPT_ATTRIBUTE, PictureError, pictureFromFile, type PictureRejection, type SquarePicture } from '../pictures/square-picture';
import { useModelQuery, useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import { percent } from './hint-text';
import { HandSkeleton } from './hand-skeleton';
import { Icon } from './icons';
import { useLiveRecognition, useWhenPageHidden } from './live-test';
import { usePictureUrl } from './use-picture-url';

function TestCamera({ onPicture }: { onPicture(picture: SquarePicture): void }) {
  const { t } = useTranslation();
  const camera = useCamera(true);
  return (
    <CameraView camera={camera}>
      <button
        type="button"
        className="imt-button"
        onClick={async () => {
          const picture = await camera.capture();
          if (picture) onPicture(picture);
        }}
      >
        {t('trainer.testSnap')}
      </button>
    </CameraView>
  );
}

/** One bar per class, the top class's bar highlighted. */
function ConfidenceMeters({ result, label }: { readonly result: RecognitionResult; readonly label?: string }) {
  return (
    <ul className="imt-meters" aria-label={label}>
      {result.confidences.map((entry) => {
        const value = percent(entry.confidence);
        const isTop = entry.classId === result.classId;
        return (
          <li key={entry.classId} className={`imt-meter${isTop ? ' imt-meter--top' : ''}`}>
            <span className="imt-meter__name">
              <bdi>{entry.name}</bdi>
            </span>
            <div
              className="imt-meter__track"
              role="meter"
              aria-label={entry.name}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={value}
              aria-valuetext={`${value}%`}
            >
              <div className="imt-meter__bar" style={{ width: `${value}%` }} />
            </div>
            <span className="imt-meter__value" aria-hidden="true">
              {value}%
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The webcam recognised continuously, its bars moving with what the camera sees. */
function LiveTest({ onStop }: { onStop(): void }) {
  const { t } = useTranslation();
  const service = useModelService();
  const camera = useCamera(true);
  const { result, problem } = useLiveRecognition(service, camera);
  useWhenPageHidden(onStop);
  return (
    <div className="imt-live">
      <CameraView camera={camera} overlay={result?.hand && <HandSkeleton hand={result.hand} />} />
      {camera.status === 'live' && !problem && <p className="imt-field-help">{t('trainer.liveHelp')}</p>}
      {problem && (
        <p className="imt-note imt-note--bad" role="alert">
          {t(`errors.${problem}`)}
        </p>
      )}
      {result && camera.status === 'live' && (
        // Not a live region: a screen reader would read every answer, many times a second.
        <div className="imt-result__answer">
          {result.hand === null ? (
            <p className="imt-result__top">{t('trainer.noHandFound')}</p>
          ) : (
            <>
              <p className="imt-result__top">{t('trainer.testResult', { name: result.className })}</p>
              <ConfidenceMeters result={result} label={t('trainer.liveResults')} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

type WebcamMode = 'snap' | 'live';

interface Tested {
  readonly encoded: Blob;
  readonly image: RgbaImage;
  readonly result: RecognitionResult;
}

/**
 * Try the model: a picture from a file or the webcam, one bar per class, and the top class named; or Live, which
 * recognises the webcam continuously until it is switched off, another webcam opens, the tab is hidden or the
 * trainer closes.
 */
export function TestPanel({ webcamOpen, onWebcamOpenChange }: { readonly webcamOpen: boolean; onWebcamOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  // The answer is about one trained version: another model (a new training, a copy) does not show it.
  const { result: tested, busy, problem: testProblem, run } = useModelQuery<Tested>();
  const [rejection, setRejection] = useState<PictureRejection | null>(null);
  const problem = rejection ?? testProblem;
  const [webcamMode, setWebcamMode] = useState<WebcamMode>('snap');
  const previewUrl = usePictureUrl(tested?.encoded ?? null);
  const hasModel = useServiceState((state) => state.trained !== null);
  // A new answer is brought into view (and announced by its status role), wherever the child scrolled to.
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (tested) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [tested]);

  const live = webcamOpen && webcamMode === 'live';
  /** The webcam buttons: pressing the mode that is on turns the webcam off; the other mode takes over. */
  const toggleWebcam = (mode: WebcamMode) => {
    const turningOff = webcamOpen && webcamMode === mode;
    setWebcamMode(mode);
    onWebcamOpenChange(!turningOff);
  };

  const test = (picture: SquarePicture) => {
    setRejection(null);
    return run(async (service) => ({ encoded: picture.encoded, image: picture.image, result: await service.recognize(picture.image) }));
  };

  return (
    <section className="imt-panel imt-test" aria-labelledby={headingId}>
      <h3 id={headingId} className="imt-heading">
        {t('trainer.testHeading')}
      </h3>
      {!hasModel && <p className="imt-field-help">{t('trainer.testNeedsModel')}</p>}
      <div className="imt-test__actions">
        <label className={`imt-button imt-file-button${hasModel ? '' : ' imt-file-button--disabled'}`}>
          <Icon name="picture" />
          {t('trainer.testPicture')}
          <input
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            className="imt-visually-hidden"
            disabled={!hasModel}
            onChange={async (event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (!file) return;
              try {
                await test(await pictureFromFile(file));
              } catch (error) {
                setRejection(error instanceof PictureError ? error.reason : 'picture/unreadable');
              }
            }}
          />
        </label>
        <button
          type="button"
          className="imt-button imt-button--blue"
          aria-expanded={webcamOpen && webcamMode === 'snap'}
          disabled={!hasModel}
          onClick={() => toggleWebcam('snap')}
        >
          <Icon name="camera" />
          {t('trainer.testWithWebcam')}
        </button>
        <button
          type="button"
          className="imt-button imt-button--blue"
          aria-pressed={live}
          disabled={!hasModel}
          onClick={() => toggleWebcam('live')}
        >
          <Icon name={live ? 'stop' : 'play'} />
          {t('trainer.testLive')}
        </button>
      </div>
      {webcamOpen && hasModel && webcamMode === 'snap' && <TestCamera onPicture={(picture) => void test(picture)} />}
      {live && hasModel && <LiveTest onStop={() => onWebcamOpenChange(false)} />}
      {busy && (
        <p className="imt-field-help" role="status">
          {t('trainer.testing')}
        </p>
      )}
      {problem && (
        <p className="imt-note imt-note--bad" role="alert">
          {t(`errors.${problem}`)}
        </p>
      )}
      {tested && !live && (
        <div className="imt-result" ref={resultRef}>
          {tested.result.hand === undefined ? (
            <LookedAt picture={{ image: tested.image }} identity={tested}>
              {previewUrl && (
                <img className="imt-result__picture" src={previewUrl} alt={t('trainer.testPreview')} width={112} height={112} />
              )}
            </LookedAt>
          ) : (
            // A Hands model: the hand it found, instead of "What is it looking at?" (MobileNet's own).
            <span className="imt-picture-frame">
              {previewUrl && (
                <img className="imt-result__picture" src={previewUrl} alt={t('trainer.testPreview')} width={112} height={112} />
              )}
              {tested.result.hand && <HandSkeleton hand={tested.result.hand} />}
            </span>
          )}
          <div className="imt-result__answer">
            {tested.result.hand === null ? (
              <p className="imt-result__top" role="status">
                {t('trainer.noHandFound')}
              </p>
            ) : (
              <>
                <p className="imt-result__top" role="status">
                  {t('trainer.testResult', { name: tested.result.className })}
                </p>
                <ConfidenceMeters result={tested.result} />
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
