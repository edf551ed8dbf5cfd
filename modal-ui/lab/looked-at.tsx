import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { HeatmapProgress, RgbaImage } from '../../engine';
import type { PictureExplanation } from '../../model-service';
import { useModelQuery } from '../service';
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

/**
 * "What is it looking at?": a toggle under a picture that lays the model's heatmap over it, with a caption in
 * plain words. `picture` says which picture `children` (its <img>) shows; another picture starts hidden again.
 */
export function LookedAt({
  picture,
  identity,
  children,
}: {
  readonly picture: { readonly pictureId: string } | { readonly image: RgbaImage };
  /** Changes when another picture is shown (its id, or the tested picture itself). */
  readonly identity: unknown;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const { result, busy, problem, run, clear } = useModelQuery<PictureExplanation>();
  const [shown, setShown] = useState(false);
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
  const explanation = shown ? result : null;
  return (
    <div className="iml-looked">
      <div className="iml-looked__frame">
        {children}
        {explanation && <HeatOverlay explanation={explanation} />}
      </div>
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
    </div>
  );
}
