// Class pictures the child has given that are not in their class yet (files still being read, embeddings under
// way), counted per class: readiness counts them already, and Train waits for them instead of learning from fewer
// pictures than the child sees.

export interface IncomingPictures {
  /** `count` more pictures are on their way to class `classId`. */
  expect(classId: string, count: number): void;
  /** `count` of them arrived, were refused or were dropped. */
  settle(classId: string, count: number): void;
  /** How many are on their way to one class. */
  of(classId: string): number;
  total(): number;
  /** Resolves once no picture is on its way. */
  whenSettled(): Promise<void>;
}

export function createIncomingPictures(): IncomingPictures {
  const byClass = new Map<string, number>();
  const waiting: (() => void)[] = [];
  const total = () => [...byClass.values()].reduce((sum, count) => sum + count, 0);
  return {
    expect(classId, count) {
      if (count > 0) byClass.set(classId, (byClass.get(classId) ?? 0) + count);
    },
    settle(classId, count) {
      const left = (byClass.get(classId) ?? 0) - count;
      if (left > 0) byClass.set(classId, left);
      else byClass.delete(classId);
      if (byClass.size === 0) for (const resolve of waiting.splice(0)) resolve();
    },
    of: (classId) => byClass.get(classId) ?? 0,
    total,
    whenSettled: () => (byClass.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}
