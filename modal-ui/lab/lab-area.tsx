import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useModelService, useServiceState } from '../service';
import { Icon } from '../trainer/icons';
import { useTranslation } from '../use-translation';
import { CopiesPanel } from './copies-panel';
import { EvaluationView } from './evaluation-view';
import { HeadBlocksPanel } from './head-blocks/head-blocks-panel';
import { InboxPanel } from './inbox-panel';
import { MistakesGallery } from './mistakes-gallery';
import { PictureMapPanel } from './picture-map-panel';
import { useClassPicturesById } from './use-class-pictures';
import { ShrinkPanel } from './shrink-panel';
import { TestSetPanel } from './test-set-panel';
import { TrainingLog } from './training-log';
import { UnderTheHoodPanel } from './under-the-hood-panel';
import { useLabReport } from './use-lab-report';
import './lab.css';

const TABS = ['mistakes', 'evaluation', 'map', 'test', 'inbox', 'log', 'copies', 'shrink', 'hood', 'network'] as const;
type Tab = (typeof TABS)[number];
/** Pages about MobileNet's pictures (copies made of them, its layers, a smaller copy of it): a Hands model learns from landmarks instead. */
const PICTURES_ONLY: readonly Tab[] = ['copies', 'hood', 'shrink'];

/** Keyboard for a tab list (WAI-ARIA): arrows move between tabs, Home/End jump to the ends. */
function nextTab(tabs: readonly Tab[], current: Tab, key: string): Tab | null {
  const index = tabs.indexOf(current);
  if (key === 'ArrowRight') return tabs[(index + 1) % tabs.length];
  if (key === 'ArrowLeft') return tabs[(index + tabs.length - 1) % tabs.length];
  if (key === 'Home') return tabs[0];
  if (key === 'End') return tabs[tabs.length - 1];
  return null;
}

function LabPages() {
  const { t } = useTranslation();
  const baseId = useId();
  const [chosenTab, setTab] = useState<Tab>('mistakes');
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const service = useModelService();
  const { trained, outOfDate, running, copies, canTrain, hands } = useServiceState((state) => ({
    hands: state.featureSource === 'hands',
    trained: state.trained !== null,
    outOfDate: state.trained?.outOfDate ?? false,
    running: state.training.status === 'running',
    copies: state.training.status === 'running' ? state.training.copies : undefined,
    canTrain: state.readiness.ready && state.engine.status === 'ready',
  }));
  const pictures = useClassPicturesById();
  const { result: report, problem } = useLabReport();

  const tabs = hands ? TABS.filter((name) => !PICTURES_ONLY.includes(name)) : TABS;
  // A page the model does not have (after a switch to a Hands model) shows the first one.
  const tab = tabs.includes(chosenTab) ? chosenTab : tabs[0];

  const onTabKey = (event: KeyboardEvent) => {
    const next = nextTab(tabs, tab, event.key);
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  let page;
  if (tab === 'network') {
    page = <HeadBlocksPanel />;
  } else if (tab === 'copies') {
    page = <CopiesPanel />;
  } else if (tab === 'log') {
    page = <TrainingLog />;
  } else if (tab === 'inbox') {
    page = <InboxPanel />;
  } else if (tab === 'map') {
    page = <PictureMapPanel />;
  } else if (tab === 'test') {
    page = <TestSetPanel />;
  } else if (!trained) {
    page = <p className="imt-field-help">{t('lab.needsModel')}</p>;
  } else if (tab === 'shrink') {
    page = <ShrinkPanel />;
  } else if (tab === 'hood') {
    page = <UnderTheHoodPanel />;
  } else if (problem) {
    page = (
      <p className="imt-note imt-note--bad" role="alert">
        {t(`errors.${problem}`)}
      </p>
    );
  } else if (!report) {
    page = (
      <p className="imt-field-help" role="status">
        {t('lab.checking')}
      </p>
    );
  } else {
    page = tab === 'mistakes' ? <MistakesGallery report={report} /> : <EvaluationView report={report} pictures={pictures} />;
  }

  return (
    <>
      {outOfDate && !running && (
        <div className="iml-again">
          <p className="imt-note imt-note--warn">{t('lab.outOfDate')}</p>
          <button type="button" className="imt-button imt-button--train" onClick={() => void service.train()} disabled={!canTrain}>
            <Icon name="play" />
            {t('lab.trainAgain')}
          </button>
        </div>
      )}
      {running && (
        <p className="imt-field-help" role="status">
          {copies ? t('lab.copies.making', { done: copies.done, total: copies.total }) : t('lab.training')}
        </p>
      )}
      <div className="iml-tabs" role="tablist" aria-label={t('lab.tabs')} onKeyDown={onTabKey}>
        {tabs.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-${name}-tab`}
            aria-controls={`${baseId}-panel`}
            aria-selected={tab === name}
            tabIndex={tab === name ? 0 : -1}
            className="iml-tab"
            onClick={() => setTab(name)}
          >
            {t(`lab.tab.${name}`)}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-${tab}-tab`} className="iml-page" tabIndex={0}>
        {page}
      </div>
    </>
  );
}

/**
 * The Lab: closed by default so the simple path (classes, Train, test) stays simple; a curious child or a teacher
 * opens it to see the model's mistakes, how good it really is, and how training went.
 */
export function LabArea() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const contentId = useId();
  return (
    <section className="imt-panel iml-lab" aria-label={t('lab.open')}>
      <button type="button" className="iml-lab__toggle" aria-expanded={open} aria-controls={contentId} onClick={() => setOpen(!open)}>
        <span aria-hidden="true" className="iml-lab__arrow">
          {open ? '▾' : '▸'}
        </span>
        {t('lab.open')}
      </button>
      {open && (
        <div id={contentId} className="iml-lab__content">
          <p className="imt-field-help">{t('lab.intro')}</p>
          <LabPages />
        </div>
      )}
    </section>
  );
}
