// The two pictures of a step: its feature maps as small greyscale canvases, and histograms as plain SVG bars.
import { useEffect, useRef } from 'react';
import type { FeatureMaps, Histogram } from '../../model-service';
import { useTranslation } from '../use-translation';
import { shortNumber } from './under-the-hood-groups';

function MapCanvas({ maps, index, label }: { readonly maps: FeatureMaps; readonly index: number; readonly label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width, height, pixels } = maps;
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    const grey = pixels.subarray(index * width * height, (index + 1) * width * height);
    grey.forEach((value, i) => {
      image.data.set([value, value, value, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }, [pixels, index, width, height]);
  return <canvas ref={canvas} className="imh-map" width={width} height={height} role="img" aria-label={label} />;
}

export function FeatureMapGrid({ maps }: { readonly maps: FeatureMaps }) {
  const { t } = useTranslation();
  return (
    <figure className="imh-figure">
      <figcaption>{t('lab.hood.mapsShown', { shown: maps.shown, total: maps.total })}</figcaption>
      <ol className="imh-maps" aria-label={t('lab.hood.maps')}>
        {Array.from({ length: maps.shown }, (_, index) => (
          <li key={index}>
            <MapCanvas maps={maps} index={index} label={t('lab.hood.map', { number: index + 1 })} />
          </li>
        ))}
      </ol>
    </figure>
  );
}

const WIDTH = 300;
const HEIGHT = 150;
const LEFT = 44;
const BOTTOM = 34;
const TOP = 8;

/** Bars of a histogram with its axes: values along the bottom, how many numbers up the side. */
export function HistogramChart({ histogram, title }: { readonly histogram: Histogram; readonly title: string }) {
  const { t } = useTranslation();
  const { counts, min, max } = histogram;
  const tallest = Math.max(1, ...counts);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const plotWidth = WIDTH - LEFT - 4;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const barWidth = plotWidth / counts.length;
  const summary = t('lab.hood.histogramSummary', { count: total, min: shortNumber(min), max: shortNumber(max) });
  return (
    <figure className="imh-figure">
      <figcaption>{title}</figcaption>
      <svg className="imh-histogram" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${summary}`}>
        {counts.map((count, i) => {
          const height = (count / tallest) * plotHeight;
          return (
            <rect
              key={i}
              className="imh-histogram__bar"
              x={LEFT + i * barWidth + 0.5}
              y={TOP + plotHeight - height}
              width={Math.max(1, barWidth - 1)}
              height={height}
            />
          );
        })}
        <line className="imh-histogram__axis" x1={LEFT} y1={TOP + plotHeight} x2={WIDTH - 4} y2={TOP + plotHeight} />
        <line className="imh-histogram__axis" x1={LEFT} y1={TOP} x2={LEFT} y2={TOP + plotHeight} />
        <text x={LEFT - 4} y={TOP + 8} textAnchor="end">
          {tallest}
        </text>
        <text x={LEFT - 4} y={TOP + plotHeight} textAnchor="end">
          0
        </text>
        <text x={12} y={TOP + plotHeight / 2} textAnchor="middle" transform={`rotate(-90 12 ${TOP + plotHeight / 2})`}>
          {t('lab.hood.axisCount')}
        </text>
        <text x={LEFT} y={TOP + plotHeight + 14} textAnchor="start">
          {shortNumber(min)}
        </text>
        <text x={WIDTH - 4} y={TOP + plotHeight + 14} textAnchor="end">
          {shortNumber(max)}
        </text>
        <text x={LEFT + plotWidth / 2} y={HEIGHT - 4} textAnchor="middle">
          {t('lab.hood.axisValue')}
        </text>
      </svg>
    </figure>
  );
}
