import { useEffect, useId, useState } from 'react';
import { isValidSetting, SETTING_LIMITS, type NumericSetting } from '../../model-service';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';

/** Shows a number without float noise (0.15 * 100 is 15.000000000000002). */
const display = (value: number) => String(Number(value.toPrecision(6)));

function NumberSetting({ name, value, scale = 1, step, onChange }: {
  readonly name: NumericSetting;
  readonly value: number;
  /** 100 when the child types a percentage. */
  readonly scale?: number;
  readonly step: number;
  onChange(name: NumericSetting, value: number): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(display(value * scale));
  const limit = SETTING_LIMITS[name];
  const parsed = text.trim() === '' ? Number.NaN : Number(text) / scale;
  const valid = isValidSetting(name, parsed);

  useEffect(() => {
    // Follow changes made elsewhere, but never rewrite what the child is typing ("0.00" on the way to "0.001").
    setText((current) => (Number(current) / scale === value ? current : display(value * scale)));
  }, [value, scale]);

  return (
    <div className="imt-setting">
      <label htmlFor={id} className="imt-setting__label">{t(`trainer.setting.${name}`)}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={display(limit.min * scale)}
        max={display(limit.max * scale)}
        step={step}
        value={text}
        aria-invalid={!valid}
        aria-describedby={`${id}-help`}
        onChange={(event) => {
          setText(event.target.value);
          const next = Number(event.target.value) / scale;
          if (event.target.value.trim() !== '' && isValidSetting(name, next)) onChange(name, next);
        }}
      />
      <p id={`${id}-help`} className={valid ? 'imt-field-help' : 'imt-field-error'}>
        {valid
          ? t(`trainer.setting.${name}Help`)
          : t(limit.integer ? 'trainer.settingRangeWhole' : 'trainer.settingRange', {
            min: display(limit.min * scale),
            max: display(limit.max * scale),
          })}
      </p>
    </div>
  );
}

/** "Advanced": the method and its numbers, each with a one-line explanation; collapsed by default. */
export function SettingsPanel({ disabled }: { readonly disabled: boolean }) {
  const { t } = useTranslation();
  const service = useModelService();
  const settings = useServiceState((state) => state.settings);
  const methodName = useId();
  const onChange = (name: NumericSetting, value: number) => service.updateSettings({ [name]: value });
  return (
    <details className="imt-advanced">
      <summary>{t('trainer.advanced')}</summary>
      <fieldset className="imt-advanced__body" disabled={disabled}>
        <fieldset className="imt-method">
          <legend>{t('trainer.setting.method')}</legend>
          {(['dense', 'knn'] as const).map((method) => (
            <label key={method} className="imt-method__option">
              <input
                type="radio"
                name={methodName}
                value={method}
                checked={settings.method === method}
                onChange={() => service.updateSettings({ method })}
              />
              <span>
                <strong>{t(`trainer.setting.method.${method}`)}</strong>
                <span className="imt-field-help">{t(`trainer.setting.method.${method}Help`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {settings.method === 'dense' ? (
          <>
            <NumberSetting name="epochs" value={settings.epochs} step={1} onChange={onChange} />
            <NumberSetting name="batchSize" value={settings.batchSize} step={1} onChange={onChange} />
            <NumberSetting name="learningRate" value={settings.learningRate} step={0.0001} onChange={onChange} />
          </>
        ) : (
          <NumberSetting name="knnK" value={settings.knnK} step={1} onChange={onChange} />
        )}
        <NumberSetting name="validationRate" value={settings.validationRate} scale={100} step={5} onChange={onChange} />
      </fieldset>
    </details>
  );
}
