import { memo, useEffect, useMemo, useState } from 'react';
import type { PictureView } from '../../model-service';
import { useTranslation } from '../use-translation';
import { createNearbyWatcher, useNearbyPictureUrl, type NearbyWatcher } from './use-picture-url';

/** One grid's height above and below it: pictures that far away are ready before they scroll in. */
const NEARBY_MARGIN = '100% 0px';

const Thumbnail = memo(function Thumbnail({ picture, watcher, label, removeLabel, onRemove }: {
  readonly picture: PictureView;
  readonly watcher: NearbyWatcher | null;
  readonly label: string;
  readonly removeLabel: string;
  onRemove(pictureId: string): void;
}) {
  const [element, setElement] = useState<HTMLLIElement | null>(null);
  const url = useNearbyPictureUrl(picture.jpeg, watcher, element);
  return (
    <li ref={setElement} className="imt-picture">
      {url && <img src={url} alt={label} width={64} height={64} />}
      <button type="button" className="imt-picture__remove" aria-label={removeLabel} title={removeLabel} onClick={() => onRemove(picture.id)}>
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
});

/**
 * The class's pictures as the squares the model sees, each with a remove button. Only the pictures in sight (or
 * nearly) have an image, so a class of hundreds of pictures costs a few decoded thumbnails, not hundreds.
 */
export function PictureGrid({ className, pictures, onRemove }: {
  readonly className: string;
  readonly pictures: readonly PictureView[];
  onRemove(pictureId: string): void;
}) {
  const { t } = useTranslation();
  const [grid, setGrid] = useState<HTMLUListElement | null>(null);
  const watcher = useMemo(() => (grid ? createNearbyWatcher(grid, NEARBY_MARGIN) : null), [grid]);
  useEffect(() => () => watcher?.disconnect(), [watcher]);
  if (pictures.length === 0) return <p className="imt-pictures--empty">{t('trainer.noPicturesYet')}</p>;
  return (
    <ul ref={setGrid} className="imt-pictures" aria-label={t('trainer.picturesOf', { name: className })}>
      {pictures.map((picture, index) => (
        <Thumbnail
          key={picture.id}
          picture={picture}
          watcher={watcher}
          label={t('trainer.pictureLabel', { number: index + 1, name: className })}
          removeLabel={t('trainer.removePicture', { number: index + 1, name: className })}
          onRemove={onRemove}
        />
      ))}
    </ul>
  );
}
