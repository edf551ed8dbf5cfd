import { useEffect, useId, useRef, useState } from 'react';
import type { RgbaImage } from '../../engine';
import { copiesPerPicture, type AugmentationChoice, type CopyPreview, type ModelServiceState } from '../../model-service';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';

const SWITCHES: readonly (keyof AugmentationChoice)[] = ['flip', 'turn', 'blur', 'light'];

/** Which switch makes each kind of copy. */
const SWITCH_OF: Readonly<Record<Exclude<CopyPreview['kind'], 'original'>, keyof AugmentationChoice>> = {
  flip: 'flip',
  'turn-left': 'turn',
  'turn-right': 'turn',
  blur: 'blur',
  brighter: 'light',
  darker: 'light',
};

const EXAMPLE_SIZE = 96;

/** Draws RGBA pixels as they are (the copies are exactly what the model is shown). */
function PixelPicture({ image, label }: { readonly image: RgbaImage; readonly label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  }, [image]);
  return (
    <canvas
      ref={canvas}
      className="iml-copy__picture"
      width={image.width}
      height={image.height}
      style={{ width: EXAMPLE_SIZE, height: EXAMPLE_SIZE }}
      role="img"
      aria-label={label}
    />
  );
}

/** The first picture of the first class that has one: the example shown to the child. */
function examplePictureId(state: ModelServiceState): string | undefined {
  return state.classes.find((info) => info.pictures.length > 0)?.pictures[0].id;
}

/**
 * Extra practice pictures: four switches and a row of what each does to one of the child's own pictures, so they
 * see what the model will see. Offered for the neural network (it helps there; it does not help KNN).
 */
export function CopiesPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const service = useModelService();
  const { pictureId, augmentation, dense, running, pictureCount } = useServiceState((state) => ({
    pictureId: examplePictureId(state),
    augmentation: state.augmentation,
    dense: state.settings.head.kind === 'dense',
    running: state.training.status === 'running',
    pictureCount: state.classes.reduce((sum, info) => sum + info.pictures.length, 0),
  }));
  const [preview, setPreview] = useState<readonly CopyPreview[]>([]);
  const perPicture = copiesPerPicture(augmentation);

  useEffect(() => {
    let current = true;
    if (!pictureId) setPreview([]);
    else
      void service.previewCopies(pictureId).then(
        (copies) => {
          if (current) setPreview(copies);
        },
        () => {
          if (current) setPreview([]);
        },
      );
    return () => {
      current = false;
    };
  }, [service, pictureId]);

  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">
        {t('lab.copies.heading')}
      </h4>
      <p className="imt-field-help">{t('lab.copies.help')}</p>
      {!dense && <p className="imt-note imt-note--warn">{t('lab.copies.denseOnly')}</p>}
      <fieldset className="iml-copies__choices" disabled={!dense || running}>
        <legend>{t('lab.copies.choices')}</legend>
        {SWITCHES.map((name) => (
          <label key={name} className="iml-copies__choice">
            <input
              type="checkbox"
              checked={augmentation[name]}
              onChange={(event) => service.setAugmentation({ [name]: event.target.checked })}
            />
            {t(`lab.copies.${name}`)}
          </label>
        ))}
      </fieldset>
      {dense && (
        <p className="imt-field-help" role="status">
          {perPicture === 0
            ? t('lab.copies.none')
            : t(perPicture === 1 ? 'lab.copies.countOne' : 'lab.copies.count', {
                count: perPicture,
                total: pictureCount * (perPicture + 1),
              })}
        </p>
      )}
      <h5 className="iml-subheading">{t('lab.copies.examples')}</h5>
      {!pictureId ? (
        <p className="imt-field-help">{t('lab.copies.needPicture')}</p>
      ) : (
        <ul className="iml-copies">
          {preview.map((copy) => {
            const label = t(`lab.copy.${copy.kind}`);
            const chosen = copy.kind === 'original' || (dense && augmentation[SWITCH_OF[copy.kind]]);
            return (
              <li key={copy.kind} className={`iml-copy${chosen ? '' : ' iml-copy--off'}`}>
                <PixelPicture image={copy.image} label={label} />
                <span>{label}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
