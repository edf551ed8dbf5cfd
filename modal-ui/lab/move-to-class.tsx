import { useId, useState } from 'react';
import { useModelService } from '../service';
import { useTranslation } from '../use-translation';

/** "Move to another class": a list of the classes the picture can go to and a Move button. */
export function MoveToClass({
  pictureId,
  classes,
  className,
  hideLabel = false,
}: {
  readonly pictureId: string;
  /** The classes offered (not the picture's own). */
  readonly classes: readonly { readonly id: string; readonly name: string }[];
  /** The class of the row holding the list and the button. */
  readonly className: string;
  /** Where there is little room (a picture card): the label is then for screen readers only. */
  readonly hideLabel?: boolean;
}) {
  const { t } = useTranslation();
  const service = useModelService();
  const selectId = useId();
  const [target, setTarget] = useState('');
  return (
    <>
      <label htmlFor={selectId} className={hideLabel ? 'imt-visually-hidden' : undefined}>
        {t('lab.mistakes.moveOther')}
      </label>
      <div className={className}>
        <select id={selectId} value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value="">{t('lab.mistakes.chooseClass')}</option>
          {classes.map((info) => (
            <option key={info.id} value={info.id}>
              {info.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="imt-button imt-button--secondary imt-button--small"
          disabled={target === ''}
          onClick={() => {
            service.movePicture(pictureId, target);
            // The picture's class changes, so the class chosen is no longer on the list.
            setTarget('');
          }}
        >
          {t('lab.mistakes.move')}
        </button>
      </div>
    </>
  );
}
