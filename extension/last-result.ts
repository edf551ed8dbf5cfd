// What the reporters answer: the outcome of the most recent recognition, or the "nothing yet" values
// (result '', confidence 0, is-result false). An answer belongs to the model that gave it: when another model
// becomes active (by `use model` or in the trainer) the reporters start again from nothing. Knows nothing of
// Scratch or the popup, so any future
// picture source (stage, costume, video) and the `when [class] is recognized` hat can share it.
import type { ClassInfo, FoundHand } from '../engine';
import type { ClassConfidence, RecognitionResult } from '../model-service/types';
import { findByClassName } from './class-names';

export class LastResult {
  private last: RecognitionResult | null = null;
  private lastModelId = '';

  /** `result` as given by the model `modelId`. */
  remember(result: RecognitionResult, modelId: string): void {
    this.last = result;
    this.lastModelId = modelId;
  }

  clear(): void {
    this.last = null;
  }

  /** Forgets an answer that another model than the active one gave. */
  forgetUnlessFrom(activeModelId: string): void {
    if (this.lastModelId !== activeModelId) this.last = null;
  }

  /** Name of the recognised class; '' before any recognition. */
  get className(): string {
    return this.last?.className ?? '';
  }

  /** 0..100, whole numbers (what a child compares with `>`); 0 for a class the last recognition did not know. */
  confidencePercent(classValue: unknown, currentClasses: readonly ClassInfo[]): number {
    const match = this.find(classValue, currentClasses);
    if (!match) return 0;
    return Math.min(100, Math.max(0, Math.round(match.confidence * 100)));
  }

  /** Hands models: the hand the last recognition found; null when it found none (and before any). */
  get hand(): FoundHand | null {
    return this.last?.hand ?? null;
  }

  isResult(classValue: unknown, currentClasses: readonly ClassInfo[]): boolean {
    const match = this.find(classValue, currentClasses);
    return match !== undefined && match.classId === this.last?.classId;
  }

  /**
   * The class a menu value means: by name among the recognised classes, else (the class was renamed
   * since) by the stable id of the current class with that name.
   */
  private find(classValue: unknown, currentClasses: readonly ClassInfo[]): ClassConfidence | undefined {
    if (!this.last) return undefined;
    const confidences = this.last.confidences;
    const byName = findByClassName(confidences, classValue);
    if (byName) return byName;
    const current = findByClassName(currentClasses, classValue);
    return current ? confidences.find((entry) => entry.classId === current.id) : undefined;
  }
}
