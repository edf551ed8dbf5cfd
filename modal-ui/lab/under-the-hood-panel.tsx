// "Under the hood": the whole model as boxes a child can open (the picture, MobileNet's blocks, the trained head),
// and one of the child's pictures followed step by step: what each step makes of it and what it has learned.
import { useId, useState, type KeyboardEvent } from 'react';
import type { LayerLook, LayerSummary, PictureView } from '../../model-service';
import { useModelQuery, useServiceState } from '../service';
import { percent } from '../trainer/hint-text';
import { usePictureUrl } from '../trainer/use-picture-url';
import { useTranslation } from '../use-translation';
import { FeatureMapGrid, HistogramChart } from './under-the-hood-charts';
import { groupLayers, groupOf, type LayerGroupView } from './under-the-hood-groups';
import './under-the-hood.css';

/** Enough pictures to compare classes, few enough to stay one row. */
const PICTURES_PER_CLASS = 3;

type T = ReturnType<typeof useTranslation>['t'];

function shapeWords(t: T, shape: readonly number[]): string {
  if (shape.length === 3) return t('lab.hood.shapeMaps', { height: shape[0], width: shape[1], count: shape[2] });
  return t('lab.hood.shapeNumbers', { count: shape.reduce((product, d) => product * d, 1) });
}

const isAnswer = (layers: readonly LayerSummary[], index: number) => index === layers.length - 1 && layers[index].group === 'head';

/** The kind in words; the head's last layer is "the answer" whatever builds it. */
function kindWords(t: T, layers: readonly LayerSummary[], index: number): string {
  return isAnswer(layers, index) ? t('lab.hood.kind.answer') : t(`lab.hood.kind.${layers[index].kind}`);
}

function groupWords(t: T, group: LayerGroupView): string {
  return group.group === 'block' ? t('lab.hood.group.block', { number: group.block ?? 0 }) : t(`lab.hood.group.${group.group}`);
}

function PictureChoice({
  picture,
  label,
  chosen,
  onChoose,
}: {
  readonly picture: PictureView;
  readonly label: string;
  readonly chosen: boolean;
  readonly onChoose: () => void;
}) {
  const url = usePictureUrl(picture.encoded);
  return (
    <li>
      <button type="button" className="imh-picture" aria-pressed={chosen} aria-label={label} onClick={onChoose}>
        {url && <img src={url} alt="" width={56} height={56} />}
      </button>
    </li>
  );
}

/** Long counts with the language's digit grouping (200,704), so a child can read them. */
function useCount(): (value: number) => string {
  const { locale } = useTranslation();
  return (value) => value.toLocaleString(locale);
}

function LayerGraph({
  layers,
  index,
  open,
  onToggle,
  onChoose,
}: {
  readonly layers: readonly LayerSummary[];
  readonly index: number;
  readonly open: ReadonlySet<string>;
  readonly onToggle: (key: string) => void;
  readonly onChoose: (index: number) => void;
}) {
  const { t } = useTranslation();
  const count = useCount();
  const baseId = useId();
  return (
    <ol className="imh-graph" aria-label={t('lab.hood.graph')}>
      {groupLayers(layers).map((group) => {
        const expanded = open.has(group.key);
        const steps = group.last - group.first + 1;
        const stepsId = `${baseId}-${group.key}`;
        return (
          <li key={group.key} className="imh-group" data-current={index >= group.first && index <= group.last}>
            <button
              type="button"
              className="imh-group__toggle"
              aria-expanded={expanded}
              aria-controls={stepsId}
              onClick={() => onToggle(group.key)}
            >
              <span aria-hidden="true" className="imh-group__arrow">
                {expanded ? '▾' : '▸'}
              </span>
              <strong>{groupWords(t, group)}</strong>
              <span>{t(steps === 1 ? 'lab.hood.stepsOne' : 'lab.hood.stepsOther', { count: steps })}</span>
              <span className="imh-group__shape">→ {shapeWords(t, layers[group.last].outputShape)}</span>
            </button>
            {expanded && (
              <ol id={stepsId} className="imh-steps">
                {layers.slice(group.first, group.last + 1).map((layer, offset) => {
                  const at = group.first + offset;
                  return (
                    <li key={layer.name}>
                      <button
                        type="button"
                        className="imh-step"
                        aria-current={at === index ? 'step' : undefined}
                        onClick={() => onChoose(at)}
                      >
                        <strong>{kindWords(t, layers, at)}</strong>
                        <span>{shapeWords(t, layer.outputShape)}</span>
                        <small>
                          {layer.name}
                          {layer.parameters > 0 && ` · ${t('lab.hood.weightCount', { count: count(layer.parameters) })}`}
                          {layer.folded.length > 0 && ` · ${t('lab.hood.folded', { layers: layer.folded.join(', ') })}`}
                        </small>
                      </button>
                    </li>
                  );
                })}
              </ol>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function StepView({
  layers,
  index,
  look,
  classNames,
}: {
  readonly layers: readonly LayerSummary[];
  readonly index: number;
  readonly look: LayerLook | null;
  readonly classNames: readonly string[];
}) {
  const { t } = useTranslation();
  const count = useCount();
  const layer = layers[index];
  const outputs = count(layer.outputShape.reduce((product, d) => product * d, 1));
  return (
    <div className="imh-step-view">
      <h5 className="imh-step-view__title">
        {kindWords(t, layers, index)} <small>{layer.name}</small>
      </h5>
      <p className="imt-field-help">{isAnswer(layers, index) ? t('lab.hood.explain.answer') : t(`lab.hood.explain.${layer.kind}`)}</p>
      {!look || look.layerIndex !== index ? (
        <p className="imt-field-help" role="status">
          {t('lab.hood.looking')}
        </p>
      ) : (
        <div className="imh-charts">
          {look.featureMaps && <FeatureMapGrid maps={look.featureMaps} />}
          {look.answer && (
            <ul className="imh-answer" aria-label={t('lab.hood.answerList')}>
              {look.answer.map((confidence, i) => (
                <li key={i}>{t('lab.hood.answerValue', { name: classNames[i] ?? '', percent: percent(confidence) })}</li>
              ))}
            </ul>
          )}
          {!look.featureMaps && !look.answer && <p className="imt-field-help">{t('lab.hood.noMaps', { count: outputs })}</p>}
          <HistogramChart histogram={look.activations} title={t('lab.hood.activations', { count: outputs })} />
          {look.weights ? (
            <HistogramChart histogram={look.weights} title={t('lab.hood.weights', { count: count(layer.parameters) })} />
          ) : (
            <p className="imt-field-help">{t('lab.hood.noWeights')}</p>
          )}
        </div>
      )}
    </div>
  );
}

/** The Lab's "Under the hood" page (needs a trained model). */
export function UnderTheHoodPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const state = useServiceState(({ classes, trained }) => ({ classes, trainedClasses: trained?.classes ?? [] }));
  const [index, setIndex] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set(['input']));

  const trainedClassIds = new Set(state.trainedClasses.map((info) => info.id));
  const choices = state.classes
    .filter((info) => trainedClassIds.has(info.id))
    .flatMap((info) =>
      info.pictures
        .slice(0, PICTURES_PER_CLASS)
        .map((picture, i) => ({ picture, label: t('lab.hood.picture', { name: info.name, number: i + 1 }) })),
    );
  const [chosenId, setChosenId] = useState<string | null>(null);
  const pictureId = choices.some((choice) => choice.picture.id === chosenId) ? chosenId : (choices[0]?.picture.id ?? null);

  // Asked once per trained version.
  const described = useModelQuery({ key: '', ask: (service) => service.describeModelLayers() });
  const model = described.result;
  // The last look stays until the next one comes (the step view says it is looking meanwhile).
  const looked = useModelQuery({
    key: model && pictureId ? `${pictureId}|${index}` : null,
    // Asked only with a picture (see the key).
    ask: (service) => service.lookAtLayer(pictureId!, index),
  });
  const look = looked.result;
  const problem = described.problem ?? looked.problem;

  if (problem)
    return (
      <p className="imt-note imt-note--bad" role="alert">
        {t(`errors.${problem}`)}
      </p>
    );
  if (!model)
    return (
      <p className="imt-field-help" role="status">
        {t('lab.hood.loading')}
      </p>
    );
  const { layers } = model;
  const at = Math.min(index, layers.length - 1);

  const choose = (next: number) => {
    const clamped = Math.max(0, Math.min(layers.length - 1, next));
    const group = groupOf(groupLayers(layers), clamped);
    if (group) setOpen((keys) => new Set([...keys, group.key]));
    setIndex(clamped);
  };
  const toggle = (key: string) =>
    setOpen((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  // Arrow keys step too while focus is on the step buttons; at either end the button stays focusable (aria-disabled).
  const onStepKey = (event: KeyboardEvent) => {
    const move = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key];
    if (move === undefined) return;
    event.preventDefault();
    choose(at + move);
  };

  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">
        {t('lab.hood.heading')}
      </h4>
      <p className="imt-field-help">{t('lab.hood.help')}</p>
      <p className="imt-note">{t('lab.hood.fusedNote', { layers: model.originalLayerCount, steps: layers.length })}</p>
      <div className="imh-layout">
        <LayerGraph layers={layers} index={at} open={open} onToggle={toggle} onChoose={choose} />
        <div className="imh-viewer">
          <h5 className="imh-viewer__label">{t('lab.hood.pickPicture')}</h5>
          {choices.length === 0 ? (
            <p className="imt-field-help">{t('lab.hood.noPictures')}</p>
          ) : (
            <ul className="imh-pictures" aria-label={t('lab.hood.pickPicture')}>
              {choices.map(({ picture, label }) => (
                <PictureChoice
                  key={picture.id}
                  picture={picture}
                  label={label}
                  chosen={picture.id === pictureId}
                  onChoose={() => setChosenId(picture.id)}
                />
              ))}
            </ul>
          )}
          <div className="imh-nav" role="group" aria-label={t('lab.hood.stepper')} onKeyDown={onStepKey}>
            <button type="button" className="imt-button" aria-disabled={at === 0} onClick={() => choose(at - 1)}>
              {t('lab.hood.previous')}
            </button>
            <span role="status">{t('lab.hood.stepOf', { number: at + 1, total: layers.length })}</span>
            <button type="button" className="imt-button" aria-disabled={at === layers.length - 1} onClick={() => choose(at + 1)}>
              {t('lab.hood.next')}
            </button>
          </div>
          {pictureId && <StepView layers={layers} index={at} look={look} classNames={state.trainedClasses.map((info) => info.name)} />}
        </div>
      </div>
    </section>
  );
}
