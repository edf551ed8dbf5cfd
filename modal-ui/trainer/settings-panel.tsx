import { useEffect, useId, useState } from 'react';
import { HEAD_KINDS, isValidSetting, VALIDATION_RATE_LIMIT, type SettingLimit } from '../../model-service';
import { numberInputsOf, type SettingLabel } from '../../engine';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';

/** Shows a number without float noise (0.15 * 100 is 15.000000000000002). */
const display = (value: number) => String(Number(value.toPrecision(6)));

function NumberSetting({
  name,
  limit,
  value,
  scale = 1,
  step,
  onChange,
}: {
  /** Names its words: trainer.setting.<name> and trainer.setting.<name>Help. */
  readonly name: SettingLabel;
  readonly limit: SettingLimit;
  readonly value: number;
  /** 100 when the child types a percentage. */
  readonly scale?: number;
  readonly step: number;
  onChange(value: number): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(display(value * scale));
  const parsed = text.trim() === '' ? Number.NaN : Number(text) / scale;
  const valid = isValidSetting(limit, parsed);

  useEffect(() => {
    // Follow changes made elsewhere, but never rewrite what the child is typing ("0.00" on the way to "0.001").
    setText((current) => (Number(current) / scale === value ? current : display(value * scale)));
  }, [value, scale]);

  return (
    <div className="imt-setting">
      <label htmlFor={id} className="imt-setting__label">
        {t(`trainer.setting.${name}`)}
      </label>
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
          if (event.target.value.trim() !== '' && isValidSetting(limit, next)) onChange(next);
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
  const { head } = settings;
  return (
    <details className="imt-advanced">
      <summary>{t('trainer.advanced')}</summary>
      <fieldset className="imt-advanced__body" disabled={disabled}>
        <fieldset className="imt-method">
          <legend>{t('trainer.setting.method')}</legend>
          {HEAD_KINDS.map((kind) => (
            <label key={kind} className="imt-method__option">
              <input
                type="radio"
                name={methodName}
                value={kind}
                checked={head.kind === kind}
                onChange={() => service.updateSettings({ kind })}
              />
              <span>
                <strong>{t(`trainer.setting.method.${kind}`)}</strong>
                <span className="imt-field-help">{t(`trainer.setting.method.${kind}Help`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {/* The chosen kind's own numbers, each written to its settings by field name. */}
        {numberInputsOf(head).map(({ setting: { field, label, limit, step }, value }) => (
          <NumberSetting
            key={`${head.kind}.${field}`}
            name={label}
            limit={limit}
            value={value}
            step={step}
            onChange={(value) => service.updateSettings({ head: { kind: head.kind, [field]: value } })}
          />
        ))}
        <NumberSetting
          name="validationRate"
          limit={VALIDATION_RATE_LIMIT}
          value={settings.validationRate}
          scale={100}
          step={5}
          onChange={(validationRate) => service.updateSettings({ validationRate })}
        />
      </fieldset>
    </details>
  );
}
