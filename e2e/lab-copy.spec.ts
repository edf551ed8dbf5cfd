// A duplicated model starts its Lab afresh: the copy has the same trained head, the same pictures and the same
// training time as its original, but what the child did in the original's Lab (here: a mistake kept in its class,
// hidden until the next training) belongs to the original only.
import lab from '../locales/en/lab.json';
import sharingText from '../locales/en/sharing.json';
import trainerText from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test } from './support';
import { addClassWithFiles, addClassWithPhotos, fill, openAdvanced, openModelsMenu } from './support/trainer-page';

const PHOTOS_PER_CLASS = 8;
/** A photo of a three, uploaded into "zero" by mistake: the Lab lists it among the mistakes. */
const MISLABELLED = signDigitPhotos(3)[20];

test("a duplicated model does not inherit its original's Lab state (a mistake kept in its class)", async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await addClassWithFiles(trainer, 'zero', [...signDigitPhotos(0).slice(0, PHOTOS_PER_CLASS), MISLABELLED]);
  await addClassWithPhotos(trainer, 'three', 3, PHOTOS_PER_CLASS);
  // KNN: quick, and the Lab tests each picture against all the others, so the mislabelled photo is a mistake.
  await openAdvanced(trainer);
  await trainer.getByRole('radio', { name: trainerText['setting.method.knn'] }).check();
  await trainer.getByRole('button', { name: trainerText.train, exact: true }).click();
  await expect(trainer.getByText(trainerText.trainingDone)).toBeVisible({ timeout: 120_000 });

  await trainer.getByRole('button', { name: lab.open }).click();
  const mistakes = trainer.getByRole('list', { name: lab['mistakes.list'] }).getByRole('listitem');
  await expect(mistakes).toHaveCount(1);
  await mistakes
    .first()
    .getByRole('button', { name: fill(lab['mistakes.keep'], { name: 'zero' }) })
    .click();
  await expect(mistakes).toHaveCount(0);
  const kept = trainer.getByRole('status').filter({ hasText: lab['mistakes.keptOne'] });
  await expect(kept).toBeVisible();

  const nameField = trainer.getByLabel(trainerText.modelName, { exact: true });
  const copyName = fill(sharingText.copyName, { name: await nameField.inputValue() });
  await (await openModelsMenu(trainer)).getByRole('menuitem', { name: sharingText.duplicateModel, exact: true }).click();
  await expect(nameField).toHaveValue(copyName);

  // The copy's Lab shows the mistake: nothing was kept for this model.
  await expect(mistakes).toHaveCount(1);
  await expect(kept).toHaveCount(0);
  await expect(trainer.getByRole('status').filter({ hasText: lab['mistakes.countOne'] })).toBeVisible();
});
