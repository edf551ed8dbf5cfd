import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { NameProblem } from '../../model-service';
import { useTranslation } from '../use-translation';
import { Icon } from './icons';

export interface ClassNameProps {
  readonly name: string;
  readonly editing: boolean;
  onEditingChange(editing: boolean): void;
  /** Returns why the name cannot be used, or null when it was saved. */
  onRename(name: string): NameProblem | null;
}

/** The class's name with a rename button; in edit mode Enter keeps the new name and Esc goes back. */
export function ClassName({ name, editing, onEditingChange, onRename }: ClassNameProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<NameProblem | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  /** Set once Enter or Esc decided, so the blur that follows does not decide again. */
  const settled = useRef(false);
  const messageId = useId();

  useEffect(() => {
    // Back from editing: give focus back to the rename button so keyboard users stay in place.
    if (wasEditing.current && !editing) renameButton.current?.focus();
    if (editing) settled.current = false;
    wasEditing.current = editing;
  }, [editing]);

  const finish = () => {
    settled.current = true;
    setProblem(null);
    onEditingChange(false);
  };
  const commit = (value: string) => {
    const result = onRename(value);
    if (result) setProblem(result);
    else finish();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(event.currentTarget.value);
    } else if (event.key === 'Escape') {
      event.preventDefault(); // the dialog closes on Esc only when nothing inside used it
      finish();
    }
  };

  if (editing) {
    return (
      <div className="imt-class-name imt-class-name--editing">
        <input
          className="imt-class-name__input"
          aria-label={t('trainer.className')}
          defaultValue={name}
          maxLength={40}
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            // Leaving the field keeps a usable name and quietly drops an unusable one.
            if (settled.current) return;
            onRename(event.currentTarget.value);
            finish();
          }}
          aria-invalid={problem !== null}
          aria-describedby={messageId}
        />
        <p id={messageId} className={problem ? 'imt-field-error' : 'imt-field-help'} role={problem ? 'alert' : undefined}>
          {problem ? t(problem === 'empty' ? 'trainer.nameEmpty' : 'trainer.nameTaken') : t('trainer.renameHelp')}
        </p>
      </div>
    );
  }
  return (
    <div className="imt-class-name">
      <h4 className="imt-class-name__text">
        <bdi>{name}</bdi>
      </h4>
      <button
        ref={renameButton}
        type="button"
        className="imt-icon-button"
        aria-label={t('trainer.renameClass', { name })}
        title={t('trainer.renameClass', { name })}
        onClick={() => onEditingChange(true)}
      >
        <Icon name="pencil" />
      </button>
    </div>
  );
}
