// The committed example projects open as the editor opens them: project-file/ reads a usable model with the
// expected name and classes from each .sb3, with the pictures it learnt from, and every Image Model block in the scripts is a real block whose
// class menus name classes the model has.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import JSZip from 'jszip';
import { Opcode } from '../blocks/block-specs';
import { readModelsFromProject } from '../project-file';
import { EXAMPLE_FILES, PICTURES_PER_CLASS } from './examples';

interface SavedBlock {
  readonly opcode: string;
  readonly fields?: Record<string, readonly unknown[]>;
}
interface SavedTarget {
  readonly blocks: Record<string, SavedBlock | unknown[]>;
  readonly costumes: readonly { readonly md5ext: string }[];
}

async function open(file: string) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const projectJson = JSON.parse(await zip.file('project.json')!.async('string')) as { targets: SavedTarget[]; extensions: string[] };
  return { zip, projectJson, models: await readModelsFromProject(projectJson, zip) };
}

const blocksOf = (projectJson: { targets: SavedTarget[] }) =>
  projectJson.targets.flatMap((target) => Object.values(target.blocks).filter((block): block is SavedBlock => !Array.isArray(block)));

test('there are at least three example projects', () => {
  assert.ok(EXAMPLE_FILES.length >= 3);
});

for (const example of EXAMPLE_FILES) {
  test(`${example.file}: opens with a usable "${example.modelName}" model of ${example.classNames.join(', ')}`, async () => {
    const { models } = await open(example.path);
    assert.equal(models.present, true);
    assert.equal(models.problem, undefined);
    assert.equal(models.models.length, 1);
    const [loaded] = models.models;
    assert.equal(loaded.status, 'ok', loaded.status === 'broken' ? `${loaded.problem}: ${loaded.detail}` : '');
    if (loaded.status !== 'ok') return;
    assert.equal(loaded.model.name, example.modelName);
    assert.deepEqual(
      loaded.model.classes.map((info) => info.name),
      example.classNames,
    );
    assert.deepEqual(
      loaded.model.trained?.metadata.classes.map((info) => info.name),
      example.classNames,
      'the trained model answers these classes',
    );
    assert.equal(models.activeModelId, loaded.model.id);
    // Its pictures travel with it, and are exactly those it was trained on, so the trainer shows it up to date.
    assert.equal(models.includePictures, true);
    assert.equal(loaded.droppedPictures, 0);
    for (const info of loaded.model.classes) {
      assert.equal(loaded.model.pictures.filter((picture) => picture.classId === info.id).length, PICTURES_PER_CLASS, info.name);
    }
    assert.deepEqual([...loaded.model.trainedOn!.pictureIds].sort(), loaded.model.pictures.map((picture) => picture.id).sort());
    assert.deepEqual(
      loaded.model.trainedOn!.classIds,
      loaded.model.classes.map((info) => info.id),
    );
  });

  test(`${example.file}: small, with every asset inside, and its Image Model blocks use the model's classes`, async () => {
    const { zip, projectJson } = await open(example.path);
    assert.ok(readFileSync(example.path).length < 400 * 1024, 'a few hundred KB at most');
    for (const target of projectJson.targets) {
      for (const costume of target.costumes) assert.ok(zip.file(costume.md5ext), `costume ${costume.md5ext} is in the .sb3`);
    }
    assert.ok(projectJson.extensions.includes('imageModel'));
    const ours = blocksOf(projectJson).filter((block) => block.opcode.startsWith('imageModel_'));
    const known = new Set([...Object.values(Opcode), 'menu_classes'].map((opcode) => `imageModel_${opcode}`));
    assert.ok(ours.length > 0, 'the scripts use Image Model blocks');
    for (const block of ours) assert.ok(known.has(block.opcode), `${block.opcode} is one of our blocks`);
    for (const menu of ours.filter((block) => block.opcode === 'imageModel_menu_classes')) {
      assert.ok(example.classNames.includes(String(menu.fields?.classes?.[0])), `menu class ${String(menu.fields?.classes?.[0])}`);
    }
  });
}
