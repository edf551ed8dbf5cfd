import { memo } from 'react';
import type { PictureView } from '../../model-service';
import { useTranslation } from '../use-translation';
import { usePictureUrl } from './use-picture-url';

const Thumbnail = memo(function Thumbnail({ picture, label, removeLabel, onRemove }: {
  readonly picture: PictureView;
  readonly label: string;
  readonly removeLabel: string;
  onRemove(pictureId: string): void;
}) {
  const url = usePictureUrl(picture.jpeg);
  return (
    <li className="imt-picture">
      {url && <img src={url} alt={label} width={64} height={64} />}
      <button type="button" className="imt-picture__remove" aria-label={removeLabel} title={removeLabel} onClick={() => onRemove(picture.id)}>
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
});

/** The class's pictures as the squares the model sees, each with a remove button. */
export function PictureGrid({ className, pictures, onRemove }: {
  readonly className: string;
  readonly pictures: readonly PictureView[];
  onRemove(pictureId: string): void;
}) {
  const { t } = useTranslation();
  if (pictures.length === 0) return <p className="imt-pictures--empty">{t('trainer.noPicturesYet')}</p>;
  return (
    <ul className="imt-pictures" aria-label={t('trainer.picturesOf', { name: className })}>
      {pictures.map((picture, index) => (
        <Thumbnail
          key={picture.id}
          picture={picture}
          label={t('trainer.pictureLabel', { number: index + 1, name: className })}
          removeLabel={t('trainer.removePicture', { number: index + 1, name: className })}
          onRemove={onRemove}
        />
      ))}
    </ul>
  );
}
