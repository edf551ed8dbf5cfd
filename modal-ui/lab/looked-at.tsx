import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { HeatmapProgress, RgbaImage } from '../../engine';
import type { PictureExplanation } from '../../model-service';
import { useModelQuery, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import './looked-at.css';

/** The heatmap as a small canvas of one pixel per cell; the browser's smoothing spreads it over the picture. */
function HeatOverlay({ explanation }: { readonly explanation: PictureExplanation }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const { grid, heat } = explanation;
    const pixels = context.createImageData(grid, grid);
    // Hot cells yellow to red and opaque, cold cells clear, so the picture shows through where it did not look.
    heat.forEach((value, cell) => pixels.data.set([255, Math.round(220 * (1 - value)), 0, Math.round(200 * value)], cell * 4));
    context.putImageData(pixels, 0, 0);
  }, [explanation]);
  return <canvas ref={canvas} className="iml-looked__heat" width={explanation.grid} height={explanation.grid} aria-hidden="true" />;
}

type ExplainedPicture = { readonly pictureId: string } | { readonly image: RgbaImage };

/**
 * "What is it looking at?" for one picture: `frame` wraps the picture's <img> and lays the model's heatmap over
 * it, `controls` are the toggle and the caption in plain words (placed where the card wants them). `identity`
 * changes when another picture is shown (its id, or the tested picture itself): that one starts hidden again.
 */
export function useLookedAt(picture: ExplainedPicture, identity: unknown): { frame(children: ReactNode): ReactNode; controls: ReactNode } {
  const { t } = useTranslation();
  const { result, busy, problem, run, clear } = useModelQuery<PictureExplanation>();
  const [shown, setShown] = useState(false);
  // A Hands model looks at the hand's landmarks, which its pictures already draw: there is no heatmap to ask for.
  const hands = useServiceState((state) => state.featureSource === 'hands');
  const [progress, setProgress] = useState<HeatmapProgress | null>(null);
  const latest = useRef(picture);
  latest.current = picture;
  useEffect(() => {
    setShown(false);
    clear();
  }, [identity, clear]);

  // Asked when shown and not known yet, also again for a newly trained model while it stays shown.
  const needed = shown && !result && !busy && !problem;
  useEffect(() => {
    if (!needed) return;
    setProgress(null);
    void run((service) => service.explainPicture(latest.current, setProgress));
  }, [needed, run]);
  if (hands) return { frame: (children) => children, controls: null };
  const explanation = shown ? result : null;
  const frame = (children: ReactNode) => (
    <div className="iml-looked__frame">
      {children}
      {explanation && <HeatOverlay explanation={explanation} />}
    </div>
  );
  const controls = (
    <>
      <button
        type="button"
        className="imt-button imt-button--secondary imt-button--small"
        aria-pressed={shown}
        onClick={() => {
          if (!shown && problem) clear();
          setShown(!shown);
        }}
      >
        {t('lab.look.button')}
      </button>
      {shown && busy && (
        <p className="imt-field-help" role="status">
          {progress ? t('lab.look.working', { done: progress.done, total: progress.total }) : t('lab.look.starting')}
        </p>
      )}
      {shown && problem && (
        <p className="imt-note imt-note--bad" role="alert">
          {t(`errors.${problem}`)}
        </p>
      )}
      {explanation && (
        <p className="iml-looked__caption" role="status">
          {explanation.place ? t('lab.look.caption', { place: t(`lab.look.place.${explanation.place}`) }) : t('lab.look.nowhere')}
        </p>
      )}
    </>
  );
  return { frame, controls };
}

/** A picture with its "What is it looking at?" toggle and caption under it. */
export function LookedAt({
  picture,
  identity,
  children,
}: {
  readonly picture: ExplainedPicture;
  readonly identity: unknown;
  readonly children: ReactNode;
}) {
  const { frame, controls } = useLookedAt(picture, identity);
  return (
    <div className="iml-looked">
      {frame(children)}
      {controls}
    </div>
  );
}
