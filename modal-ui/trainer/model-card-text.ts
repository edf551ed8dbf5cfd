// The model card in words (engine/model-card.ts holds the facts): the same sections for the trainer's view and
// for the page a teacher saves, so both say exactly the same.
import { numberInputsOf, type ModelCard } from '../../engine';
import type { t as translate } from '../../locales';
import { pictureCount } from './hint-text';

type Translate = typeof translate;

export interface CardSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

export interface CardText {
  readonly title: string;
  readonly sections: readonly CardSection[];
}

function qualityLines(card: ModelCard, t: Translate): string[] {
  const { measure } = card;
  if (!measure) return [t('trainer.card.notMeasured')];
  const honesty = {
    'held-out': t('lab.evaluation.heldOut', { count: measure.tested }),
    'leave-one-out': t('lab.evaluation.leaveOneOut', { count: measure.tested }),
    practice: t('lab.evaluation.practice'),
  }[measure.measuredOn];
  return [
    t('trainer.card.accuracy', {
      percent: Math.round((measure.right / Math.max(measure.tested, 1)) * 100),
      right: measure.right,
      tested: measure.tested,
    }),
    honesty,
    ...(measure.shaky ? [t('lab.evaluation.shaky', { count: measure.tested })] : []),
  ];
}

function mixUpLines(card: ModelCard, t: Translate): string[] {
  const { measure } = card;
  if (!measure) return [t('trainer.card.notMeasured')];
  if (measure.mixUps.length === 0) return [t('lab.evaluation.noMixUps')];
  const name = (index: number) => card.classes[index]?.name ?? '';
  return measure.mixUps.map((cell) => t('lab.evaluation.mixUp', { really: name(cell.really), said: name(cell.said), count: cell.count }));
}

function settingLines(card: ModelCard, t: Translate): string[] {
  const { head, validationRate } = card.settings;
  return [
    t('trainer.card.method', { method: t(`trainer.setting.method.${card.method}`) }),
    ...numberInputsOf(head).map(({ setting, value }) => t('trainer.card.setting', { name: t(`trainer.setting.${setting.label}`), value })),
    t('trainer.card.setting', { name: t('trainer.setting.validationRate'), value: Math.round(validationRate * 100) }),
  ];
}

export function modelCardText(card: ModelCard, t: Translate, locale: string): CardText {
  const date = new Date(card.trainedAt);
  const when = Number.isNaN(date.getTime())
    ? card.trainedAt
    : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  return {
    title: t('trainer.card.title', { name: card.modelName }),
    sections: [
      {
        heading: t('trainer.card.classes'),
        lines: card.classes.map((info) =>
          t('trainer.card.classLine', {
            name: info.name,
            pictures: info.pictures === null ? t('trainer.card.picturesUnknown') : pictureCount(t, info.pictures),
          }),
        ),
      },
      { heading: t('trainer.card.quality'), lines: qualityLines(card, t) },
      { heading: t('trainer.card.mixUps'), lines: mixUpLines(card, t) },
      {
        heading: t('trainer.card.made'),
        lines: [
          ...settingLines(card, t),
          t('trainer.card.trainedAt', { date: when }),
          t('trainer.card.baseModel', { name: card.baseModel }),
        ],
      },
      {
        heading: t('trainer.card.pictures'),
        lines: [t(card.picturesTravel ? 'trainer.card.picturesTravel' : 'trainer.card.picturesStay')],
      },
    ],
  };
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]);

/** The card as one self-contained web page (no scripts, no outside files), every word escaped. */
export function modelCardPage(text: CardText, locale: string): string {
  const sections = text.sections
    .map(
      (section) =>
        `<section><h2>${escapeHtml(section.heading)}</h2><ul>${section.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(text.title)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d2433; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin: 1.2rem 0 0.3rem; } ul { margin: 0; padding-left: 1.2rem; }
</style>
</head>
<body>
<h1>${escapeHtml(text.title)}</h1>
${sections}
</body>
</html>
`;
}
