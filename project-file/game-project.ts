// Our part of a project made into a game's: read back with the same checks as any opened .sb3 (read-models.ts),
// then written again without the pictures (a game needs only the trained model; pictures would make the file
// several times larger). A project whose part does not pass is refused, with the reason.
import { readModelsFromProject } from './read-models';
import type { LoadedProjectModel, ProjectModelProblem, ZipSink, ZipSource } from './types';
import { writeModelsIntoProject } from './write-models';
import { ENTRY_FOLDER } from './zip-entries';

/** The opened .sb3 as JSZip offers it: read, write and remove entries (a folder name removes its entries). */
export type EditableZip = ZipSource & ZipSink & { remove(name: string): unknown };

/** Rewrites `projectJson` and `zip` in place; null when done, else why the project cannot be a game. */
export async function makeGameProject(projectJson: Record<string, unknown>, zip: EditableZip): Promise<ProjectModelProblem | null> {
  const load = await readModelsFromProject(projectJson, zip);
  if (load.problem) return load.problem.code;
  // A second copy of a model (its id taken by one that loaded) is only left out, as when the editor opens the
  // project; anything else broken would make a game that cannot recognise.
  const loaded = new Set(load.models.flatMap((model) => (model.status === 'ok' ? [model.model.id] : [])));
  const broken = load.models.find(
    (model): model is Extract<LoadedProjectModel, { status: 'broken' }> =>
      model.status === 'broken' && !(model.problem === 'duplicate' && loaded.has(model.id)),
  );
  if (broken) return broken.problem;
  if (!load.present) return null;
  zip.remove(ENTRY_FOLDER);
  const models = load.models.flatMap((loaded) => (loaded.status === 'ok' ? [{ ...loaded.model, pictures: [] }] : []));
  writeModelsIntoProject(projectJson, zip, { models, activeModelId: load.activeModelId, includePictures: false });
  return null;
}
