import { useCallback, useEffect, useRef, useState } from 'react';
import { problemCode, type ModelService, type ProblemCode } from '../../model-service';
import { useModelService, useServiceState } from './model-service-context';

type Ask<T> = (service: ModelService) => Promise<T>;

/** A question about the trained model, e.g. its Lab report or its shrunk copy, and where its answer is. */
export interface ModelQuery<T> {
  /** The latest answer about the trained version shown now (kept while the next one is asked: no flicker). */
  readonly result: T | null;
  readonly busy: boolean;
  readonly problem: ProblemCode | null;
  /** Asks now. An answer is dropped once a newer question was asked or the component is gone. */
  run(ask: Ask<T>): Promise<void>;
  /** Forgets the answer. */
  clear(): void;
}

interface Answer<T> {
  /** The trained version it was asked about: another version (a new training, a copy) never shows it. */
  readonly versionId: string;
  readonly result: T | null;
  readonly busy: boolean;
  readonly problem: ProblemCode | null;
}

/**
 * Per-model answers keyed on the trained version id. With `auto` it asks by itself whenever the trained version
 * or `auto.key` changes (a null key: nothing to ask now); otherwise only run() asks, e.g. from a button.
 */
export function useModelQuery<T>(auto?: { readonly key: string | null; readonly ask: Ask<T> }): ModelQuery<T> {
  const service = useModelService();
  const versionId = useServiceState((state) => state.trained?.versionId ?? null);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  /** Bumped by every question and when the component goes: only the latest question's answer is kept. */
  const ticket = useRef(0);
  useEffect(
    () => () => {
      ticket.current += 1;
    },
    [],
  );

  const run = useCallback(
    async (ask: Ask<T>) => {
      if (versionId === null) return;
      const mine = ++ticket.current;
      const kept = (before: Answer<T> | null) => (before?.versionId === versionId ? before.result : null);
      setAnswer((before) => ({ versionId, result: kept(before), busy: true, problem: null }));
      try {
        const result = await ask(service);
        if (ticket.current === mine) setAnswer({ versionId, result, busy: false, problem: null });
      } catch (error) {
        if (ticket.current === mine) setAnswer((before) => ({ versionId, result: kept(before), busy: false, problem: problemCode(error) }));
      }
    },
    [service, versionId],
  );

  const clear = useCallback(() => {
    ticket.current += 1;
    setAnswer(null);
  }, []);

  const latestAsk = useRef(auto?.ask);
  useEffect(() => {
    latestAsk.current = auto?.ask;
  });
  const autoKey = auto ? auto.key : null;
  useEffect(() => {
    const ask = latestAsk.current;
    if (autoKey !== null && ask) void run(ask);
  }, [run, autoKey]);

  const shown = answer?.versionId === versionId ? answer : null;
  return { result: shown?.result ?? null, busy: shown?.busy ?? false, problem: shown?.problem ?? null, run, clear };
}
