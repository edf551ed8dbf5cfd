import type { NameChange } from '../../engine';
import { t as translate } from '../../locales';
import { useTranslation } from '../use-translation';

const CHANGE_KEYS = {
  class: { renamed: 'sharing.classRenamed', named: 'sharing.classNamed' },
  model: { renamed: 'sharing.modelRenamed', named: 'sharing.modelNamed' },
} as const;
const IN_MODEL_KEYS = { renamed: 'sharing.classRenamedIn', named: 'sharing.classNamedIn' } as const;

/**
 * Names an opened project or an imported model had to have changed (blank, or alike): a line saying why, then
 * one per name, saying which model a class is in when the changes touch several models. None when nothing changed.
 */
export function nameChangeLines(renamed: readonly NameChange[], t: typeof translate = translate): string[] {
  if (renamed.length === 0) return [];
  const why = renamed.length === 1 ? t('sharing.namesChangedOne') : t('sharing.namesChangedOther', { count: renamed.length });
  const severalModels = new Set(renamed.map((change) => change.model)).size > 1;
  const lines = renamed.map(({ kind, from, to, model }) => {
    const which = from ? 'renamed' : 'named';
    return kind === 'class' && model !== undefined && severalModels
      ? t(IN_MODEL_KEYS[which], { model, from, to })
      : t(CHANGE_KEYS[kind][which], { from, to });
  });
  return [why, ...lines];
}

export function NameChanges({ renamed }: { readonly renamed: readonly NameChange[] }) {
  const { t } = useTranslation();
  const [why, ...lines] = nameChangeLines(renamed, t);
  if (!why) return null;
  return (
    <div className="imt-name-changes">
      <p>{why}</p>
      <ul>
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
