import { useEffect, useId, useRef, useState } from 'react';
import { countParameters, headSettingsOf, hiddenLayersOf, stackProblems, type HeadLayerSpec } from '../../../engine';
import { useModelService, useServiceState } from '../../service';
import { readinessHint } from '../../trainer/hint-text';
import { Icon } from '../../trainer/icons';
import { useTranslation } from '../../use-translation';
import { stackProblemText } from './problem-messages';
import type { HeadWorkspace } from './head-workspace';
import type { BlockStack } from './stack-blocks';
import './head-blocks.css';

/** The GUI's block sprites, which dist/ already serves next to the page (webpack.config.mjs copies static/). */
const blocksMedia = () => new URL('static/blocks-media/default/', document.baseURI).href;

/** The numbers a head learns, or undefined when a block's numbers make counting meaningless (2.5 units). */
function parameterCount(stack: readonly HeadLayerSpec[], classCount: number): number | undefined {
  const count = countParameters(stack, classCount);
  return Number.isSafeInteger(count) && count >= 0 ? count : undefined;
}

/** The trained network's own count: its layers end with the answer layer, one unit per class. */
function trainedParameterCount(layers: readonly HeadLayerSpec[] | undefined): number | undefined {
  const answer = layers?.[layers.length - 1];
  return layers && answer?.type === 'dense' ? parameterCount(layers.slice(0, -1), answer.units) : undefined;
}

/**
 * "Build the network": the child stacks layer blocks between MobileNet's features and the answer, sees what each
 * problem is while building, how many numbers the network will learn, and trains it. The stack is the model's
 * `hiddenLayers` setting, saved with the model. The block workspace is loaded when this panel opens and disposed
 * when it closes.
 */
export function HeadBlocksPanel() {
  const { t, locale } = useTranslation();
  const service = useModelService();
  const state = useServiceState(({ modelId, settings, classes, trained, readiness, engine, training }) => ({
    modelId,
    settings,
    classCount: classes.length,
    headLayers: trained?.headLayers,
    readiness,
    engineReady: engine.status === 'ready',
    running: training.status === 'running',
  }));
  const headingId = useId();
  const reasonId = useId();
  const hostRef = useRef<HTMLDivElement>(null);
  const workspaceRef = useRef<HeadWorkspace | null>(null);
  const [loading, setLoading] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [built, setBuilt] = useState<{ readonly stack: BlockStack; readonly unused: boolean } | null>(null);
  const { running } = state;

  useEffect(() => {
    let closed = false;
    let workspace: HeadWorkspace | undefined;
    setLoading('loading');
    import(/* webpackChunkName: "head-blocks" */ './head-workspace')
      .then(({ createHeadWorkspace }) => {
        if (closed || !hostRef.current) return;
        workspace = createHeadWorkspace(hostRef.current, {
          stack: hiddenLayersOf(headSettingsOf(service.getState().settings, 'dense')),
          media: blocksMedia(),
          t,
          onChange(stack, unused) {
            setBuilt({ stack, unused });
            service.updateSettings({ head: { kind: 'dense', hiddenLayers: stack.layers } });
          },
        });
        workspaceRef.current = workspace;
        setLoading('ready');
      })
      .catch((error: unknown) => {
        console.warn('[image-model] the block editor could not load', error);
        if (!closed) setLoading('failed');
      });
    return () => {
      closed = true;
      workspace?.dispose();
      workspaceRef.current = null;
    };
    // A new workspace for another model or language; settings changes come from the workspace itself.
  }, [service, state.modelId, locale, t]);

  const stack = built?.stack.layers ?? hiddenLayersOf(headSettingsOf(state.settings, 'dense'));
  const classCount = Math.max(2, state.classCount);
  const problems = stackProblems(stack, classCount);
  const parameters = parameterCount(stack, classCount);
  const trainedParameters = trainedParameterCount(state.headLayers);

  useEffect(() => {
    const ids = problems.map(({ layerIndex }) => built?.stack.blockIds[layerIndex]).filter((id): id is string => id !== undefined);
    workspaceRef.current?.markBlocks(ids);
  });
  useEffect(() => workspaceRef.current?.setReadOnly(running), [running, loading]);

  const canTrain = state.readiness.ready && state.engineReady && !running;
  let reason: string | null = null;
  if (problems.length > 0) reason = t('lab.head.trainOff');
  else if (!state.readiness.ready) reason = readinessHint(t, state.readiness);

  return (
    <section className="imh-panel" aria-labelledby={headingId}>
      <h4 id={headingId} className="imh-heading">
        {t('lab.head.heading')}
      </h4>
      <p className="imt-field-help">{t('lab.head.help')}</p>
      {state.settings.head.kind !== 'dense' && <p className="imt-note imt-note--warn">{t('lab.head.denseOnly')}</p>}
      <div className="imh-editor">
        <div ref={hostRef} className="imh-workspace" role="application" aria-label={t('lab.head.workspace')}>
          {loading === 'loading' && (
            <p className="imt-field-help" role="status">
              {t('lab.head.loading')}
            </p>
          )}
        </div>
        <div className="imh-side" aria-live="polite">
          {loading === 'failed' && (
            <p className="imt-note imt-note--bad" role="alert">
              {t('lab.head.loadFailed')}
            </p>
          )}
          {problems.length > 0 ? (
            <div className="imt-note imt-note--bad">
              <p>{t('lab.head.problems')}</p>
              <ul className="imh-problems">
                {problems.map((problem) => (
                  <li key={`${problem.code}-${problem.layerIndex}`}>{stackProblemText(t, problem, stack.length)}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="imt-note imt-note--good">{t('lab.head.ready')}</p>
          )}
          {parameters !== undefined && (
            <p className="imh-count">{t('lab.head.parameters', { count: parameters.toLocaleString(locale) })}</p>
          )}
          {trainedParameters !== undefined && (
            <p className="imt-field-help">{t('lab.head.trainedParameters', { count: trainedParameters.toLocaleString(locale) })}</p>
          )}
          {built?.unused && <p className="imt-field-help">{t('lab.head.unused')}</p>}
          <button
            type="button"
            className="imt-button imt-button--train"
            onClick={() => void service.train()}
            disabled={!canTrain}
            aria-describedby={reason ? reasonId : undefined}
          >
            <Icon name="play" />
            {t('lab.head.train')}
          </button>
          {reason && (
            <p id={reasonId} className="imt-field-help">
              {reason}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
