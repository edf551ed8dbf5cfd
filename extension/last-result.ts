// What the reporters answer: the outcome of the most recent recognition, or the "nothing yet" values
// (result '', confidence 0, is-result false). An answer counts only while its class is one of the active model's
// classes, so the reporters follow whichever model is active (switched by `use model` or in the trainer, or a
// class deleted) without depending on the order of the service's change events. A duplicate model keeps its
// classes' ids, so switching to one keeps the answer. Knows nothing of Scratch or the popup, so any future
// picture source (stage, costume, video) and the `when [class] is recognized` hat can share it.
import type { ClassInfo } from '../engine/types';
import type { ClassConfidence, RecognitionResult } from '../model-service/types';
import { findByClassName } from './class-names';

export class LastResult {
  private last: RecognitionResult | null = null;

  remember(result: RecognitionResult): void {
    this.last = result;
  }

  clear(): void {
    this.last = null;
  }

  /** Name of the recognised class; '' before any recognition. */
  className(currentClasses: readonly ClassInfo[]): string {
    return this.current(currentClasses)?.className ?? '';
  }

  /** 0..100, whole numbers (what a child compares with `>`); 0 for a class the last recognition did not know. */
  confidencePercent(classValue: unknown, currentClasses: readonly ClassInfo[]): number {
    const match = this.find(classValue, currentClasses);
    if (!match) return 0;
    return Math.min(100, Math.max(0, Math.round(match.confidence * 100)));
  }

  isResult(classValue: unknown, currentClasses: readonly ClassInfo[]): boolean {
    const match = this.find(classValue, currentClasses);
    return match !== undefined && match.classId === this.last?.classId;
  }

  private current(currentClasses: readonly ClassInfo[]): RecognitionResult | null {
    const last = this.last;
    return last && currentClasses.some((info) => info.id === last.classId) ? last : null;
  }

  /**
   * The class a menu value means: by name among the recognised classes, else (the class was renamed
   * since) by the stable id of the current class with that name.
   */
  private find(classValue: unknown, currentClasses: readonly ClassInfo[]): ClassConfidence | undefined {
    const last = this.current(currentClasses);
    if (!last) return undefined;
    const confidences = last.confidences;
    const byName = findByClassName(confidences, classValue);
    if (byName) return byName;
    const current = findByClassName(currentClasses, classValue);
    return current ? confidences.find((entry) => entry.classId === current.id) : undefined;
  }
}
