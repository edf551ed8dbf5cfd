// Class switches: a class the child switched off stays in the trainer with its pictures but is left out of the
// next training (Teachable Machine has the same switch). The draft keeps the ids switched off; absent means all on.
import type { ClassInfo } from '../engine';
import { MIN_CLASSES } from './readiness';

/** The classes the next training uses, in the trainer's order. */
export function classesInTraining<T extends Pick<ClassInfo, 'id'>>(classes: readonly T[], classesOff: readonly string[] = []): T[] {
  const off = new Set(classesOff);
  return classes.filter((info) => !off.has(info.id));
}

/**
 * The ids switched off after switching `classId` on or off, or null when switching it off would leave fewer than
 * MIN_CLASSES classes to train (the trainer says so instead). Ids of classes no longer in the list are dropped.
 */
export function switchClass(
  classes: readonly Pick<ClassInfo, 'id'>[],
  classesOff: readonly string[] = [],
  classId: string,
  on: boolean,
): string[] | null {
  const known = new Set(classes.map((info) => info.id));
  const off = new Set(classesOff.filter((id) => known.has(id)));
  if (!known.has(classId)) return [...off];
  if (on) off.delete(classId);
  else if (!off.has(classId)) {
    if (classes.length - off.size - 1 < MIN_CLASSES) return null;
    off.add(classId);
  }
  return classes.map((info) => info.id).filter((id) => off.has(id));
}
