// "Under the hood" in the real editor: after training, the Lab shows the whole model as boxes (MobileNet's blocks,
// the 1280-number pooling, the trained part ending in one number per class), and stepping to a filter shows its
// feature maps (real pixels on canvases) and histograms of its numbers and its weights.
import lab from '../locales/en/lab.json';
import { expect, openEditor, openTrainer, test } from './support';
import { trainThroughTrainer } from './support/train';

const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));
/** Long counts are written with digit grouping (200,704). */
const count = (value: number) => value.toLocaleString('en');

const CLASSES = [
  { name: 'zero', digit: 0 },
  { name: 'three', digit: 3 },
] as const;
/** MobileNetV2-0.35 as the engine runs it (fused) plus the default head (dense 100, then the answer). */
const STEPS = 71;
const ORIGINAL_LAYERS = 158;

test('under the hood: the layer boxes end in 1280 numbers and one per class; a filter step shows its maps and histograms', async ({
  page,
}) => {
  await openEditor(page);
  await trainThroughTrainer(page, CLASSES, 6);
  const trainer = await openTrainer(page);
  await trainer.getByRole('button', { name: lab.open }).click();
  await trainer.getByRole('tab', { name: lab['tab.hood'] }).click();

  await expect(trainer.getByText(fill(lab['hood.fusedNote'], { layers: ORIGINAL_LAYERS, steps: STEPS }))).toBeVisible({ timeout: 30_000 });
  const graph = trainer.getByRole('list', { name: lab['hood.graph'] });
  const boxes = graph.getByRole('button', { expanded: false });
  await expect(graph.getByRole('button', { name: fill(lab['hood.group.block'], { number: 16 }) })).toBeVisible();
  await expect(graph.getByRole('button', { name: lab['hood.group.pooling'] })).toContainText(
    fill(lab['hood.shapeNumbers'], { count: 1280 }),
  );
  const head = graph.getByRole('button', { name: lab['hood.group.head'] });
  await expect(head).toContainText(fill(lab['hood.shapeNumbers'], { count: CLASSES.length }));
  // 17 blocks, the stem, the last filter, pooling and the head are closed; only the picture's box is open.
  await expect(boxes).toHaveCount(21);

  // The picture itself: its red, green and blue.
  const stepper = trainer.getByRole('group', { name: lab['hood.stepper'] });
  const maps = trainer.getByRole('list', { name: lab['hood.maps'] }).locator('canvas');
  await expect(stepper.getByRole('status')).toHaveText(fill(lab['hood.stepOf'], { number: 1, total: STEPS }));
  await expect(maps).toHaveCount(3);

  // Next twice (by button, then by keyboard) reaches the first filter: 16 maps of 112 × 112, and it opens its box.
  await stepper.getByRole('button', { name: lab['hood.next'] }).click();
  await stepper.getByRole('button', { name: lab['hood.next'] }).press('ArrowRight');
  await expect(stepper.getByRole('status')).toHaveText(fill(lab['hood.stepOf'], { number: 3, total: STEPS }));
  await expect(graph.getByRole('button', { name: lab['hood.group.stem'] })).toHaveAttribute('aria-expanded', 'true');
  await expect(graph.locator('[aria-current="step"]')).toContainText('Conv1');
  await expect(trainer.getByText(fill(lab['hood.mapsShown'], { shown: 16, total: 16 }))).toBeVisible();
  await expect(maps).toHaveCount(16);
  await expect
    .poll(() =>
      maps.evaluateAll(
        (canvases) =>
          (canvases as HTMLCanvasElement[]).filter((canvas) => {
            const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
            return canvas.width === 112 && data.some((value, i) => i % 4 !== 3 && value > 0);
          }).length,
      ),
    )
    .toBeGreaterThanOrEqual(8);

  // Histograms: every number it makes of the picture, and its 448 folded weights.
  const activations = trainer.getByRole('img', { name: fill(lab['hood.activations'], { count: count(112 * 112 * 16) }) });
  const weights = trainer.getByRole('img', { name: fill(lab['hood.weights'], { count: 3 * 3 * 3 * 16 + 16 }) });
  for (const histogram of [activations, weights]) {
    await expect(histogram).toBeVisible();
    await expect(histogram.locator('rect')).toHaveCount(20);
    expect(
      await histogram.locator('rect').evaluateAll((bars) => bars.filter((bar) => Number(bar.getAttribute('height')) > 0).length),
    ).toBeGreaterThan(1);
    await expect(histogram).toContainText(lab['hood.axisValue']);
  }

  // The last step is the answer: one confidence per class, no maps.
  await head.click();
  await graph.getByRole('button', { name: lab['hood.kind.answer'] }).click();
  await expect(stepper.getByRole('status')).toHaveText(fill(lab['hood.stepOf'], { number: STEPS, total: STEPS }));
  const answer = trainer.getByRole('list', { name: lab['hood.answerList'] }).getByRole('listitem');
  await expect(answer).toHaveCount(CLASSES.length);
  await expect(answer.first()).toHaveText(/^zero: \d+%$/);
  await expect(answer.last()).toHaveText(/^three: \d+%$/);
  await expect(trainer.getByRole('img', { name: fill(lab['hood.activations'], { count: CLASSES.length }) })).toBeVisible();
});
