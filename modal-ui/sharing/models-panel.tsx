import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import './models-menu.css';

type FirstFocus = 'first' | 'last';

/**
 * The project's models behind one "Models" menu button (the WAI-ARIA menu button pattern): the models, with the
 * one in use checked, then New, Duplicate and Delete, and Bring back when earlier models are kept aside. The
 * model in use is also the name field beside it. Nothing changes while training runs, because the training's
 * result belongs to the model in use.
 */
export function ModelsPanel() {
  const { t } = useTranslation();
  const service = useModelService();
  const state = useServiceState(({ models, modelId, name, earlierModels, training }) => ({
    models,
    modelId,
    name,
    earlierModels,
    busy: training.status === 'running',
  }));
  const menuId = useId();
  const busyId = useId();
  const [open, setOpen] = useState<FirstFocus | null>(null);
  const [confirming, setConfirming] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const { busy } = state;
  const active = state.models.find((model) => model.id === state.modelId);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return undefined;
    const all = items();
    (open === 'last' ? all[all.length - 1] : all[0])?.focus();
    // On a small screen the trainer scrolls so that the whole menu (its actions too) is in view.
    popup.current?.scrollIntoView({ block: 'nearest' });
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const close = () => {
    setOpen(null);
    button.current?.focus();
  };
  /** An item's action; refused (the menu stays open) while training. */
  const choose = (action: () => void) => () => {
    if (busy) return;
    close();
    action();
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    setOpen(event.key === 'ArrowUp' ? 'last' : 'first');
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      all[(moves[event.key] + all.length) % all.length]?.focus();
    } else if (event.key === 'Escape') {
      // Handled here, so the trainer dialog stays open.
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      setOpen(null);
    }
  };

  const item = (label: string, onClick: () => void) => (
    <button
      type="button"
      role="menuitem"
      className="imt-models-menu__item"
      tabIndex={-1}
      aria-disabled={busy || undefined}
      onClick={onClick}
    >
      {label}
    </button>
  );

  return (
    <div className="imt-models-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="imt-button imt-button--secondary imt-button--small imt-models-menu__button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? setOpen(null) : setOpen('first'))}
        onKeyDown={onButtonKeyDown}
      >
        {t('sharing.modelsMenu')}
      </button>
      {open && (
        <div className="imt-models-menu__popup" ref={popup}>
          {busy && (
            <p id={busyId} className="imt-field-help">
              {t('sharing.busyTraining')}
            </p>
          )}
          <div
            id={menuId}
            ref={menu}
            role="menu"
            aria-label={t('sharing.modelsMenu')}
            aria-describedby={busy ? busyId : undefined}
            onKeyDown={onMenuKeyDown}
          >
            <div role="group" aria-label={t('sharing.modelsHeading')}>
              {state.models.map((model) => (
                <button
                  key={model.id}
                  type="button"
                  role="menuitemradio"
                  className="imt-models-menu__item imt-models-menu__model"
                  aria-checked={model.id === state.modelId}
                  aria-disabled={busy || undefined}
                  tabIndex={-1}
                  onClick={choose(() => void service.switchModel(model.id))}
                >
                  <bdi>{model.name}</bdi>
                  {model.id === state.modelId && (
                    <span className="imt-models-menu__badge" aria-hidden="true">
                      {t('sharing.inUse')}
                    </span>
                  )}
                </button>
              ))}
            </div>
            <div role="separator" className="imt-models-menu__separator" />
            {item(
              t('sharing.newModel'),
              choose(() => service.createModel(t('trainer.defaultModelName'))),
            )}
            {item(
              t('sharing.newHandsModel'),
              choose(() => service.createModel(t('trainer.defaultHandsModelName'), 'hands')),
            )}
            {item(
              t('sharing.duplicateModel'),
              choose(() => service.duplicateModel(t('sharing.copyName', { name: state.name }))),
            )}
            {item(t('sharing.deleteModel'), () => {
              if (busy) return;
              setOpen(null);
              setConfirming(true);
            })}
            {state.earlierModels > 0 && (
              <>
                <div role="separator" className="imt-models-menu__separator" />
                {item(
                  t('sharing.bringBack', { count: state.earlierModels }),
                  choose(() => void service.bringBackEarlierModels()),
                )}
              </>
            )}
          </div>
          {state.earlierModels > 0 && <p className="imt-field-help">{t('sharing.bringBackWhy')}</p>}
        </div>
      )}
      {confirming && active && (
        <div className="imt-models-menu__popup imt-models-menu__confirm" role="alertdialog" aria-label={t('sharing.deleteModel')}>
          <p>{t('sharing.confirmDeleteModel', { name: active.name })}</p>
          <button
            type="button"
            className="imt-button imt-button--stop imt-button--small"
            onClick={() => {
              setConfirming(false);
              service.deleteModel(active.id);
              button.current?.focus();
            }}
          >
            {t('sharing.yesDelete')}
          </button>
          <button
            type="button"
            className="imt-button imt-button--secondary imt-button--small"
            autoFocus
            onClick={() => {
              setConfirming(false);
              button.current?.focus();
            }}
          >
            {t('sharing.keepIt')}
          </button>
        </div>
      )}
    </div>
  );
}
