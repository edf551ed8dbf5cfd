import { useEffect, useId, useState } from 'react';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';

/** The model's name: saved on Enter or when the field is left; Esc puts the saved name back. */
export function ModelNameField() {
  const { t } = useTranslation();
  const service = useModelService();
  const name = useServiceState((state) => state.name);
  const id = useId();
  const messageId = useId();
  const [text, setText] = useState(name);
  const [taken, setTaken] = useState(false);
  useEffect(() => setText(name), [name]);
  const commit = () => {
    const problem = service.renameModel(text);
    setTaken(problem === 'taken');
    if (problem) setText(name);
  };
  return (
    <div className="imt-model-name">
      <label htmlFor={id}>{t('trainer.modelName')}</label>
      <input
        id={id}
        value={text}
        maxLength={60}
        aria-describedby={taken ? messageId : undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape' && text !== name) {
            event.preventDefault(); // the first Esc undoes the typing; the next one closes the trainer
            setText(name);
          }
        }}
      />
      {taken && (
        <p id={messageId} className="imt-note imt-note--bad" role="alert">
          {t('sharing.modelNameTaken')}
        </p>
      )}
    </div>
  );
}
