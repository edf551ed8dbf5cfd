import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PictureView } from '../../model-service';
import { useTranslation } from '../use-translation';
import { HandSkeleton } from './hand-skeleton';
import { createNearbyWatcher, useNearbyPictureUrl, type NearbyWatcher } from './use-picture-url';

/** One grid's height above and below it: pictures that far away are ready before they scroll in. */
const NEARBY_MARGIN = '100% 0px';

const Thumbnail = memo(function Thumbnail({
  picture,
  watcher,
  focusable,
  itemLabel,
  label,
  removeLabel,
  hintId,
  noHandLabel,
  onRemove,
}: {
  readonly picture: PictureView;
  readonly watcher: NearbyWatcher | null;
  /** The one picture of the grid that Tab reaches (roving tabindex). */
  readonly focusable: boolean;
  /** What a screen reader says when the focus lands here: only the focusable picture needs it (see below). */
  readonly itemLabel: string | undefined;
  readonly label: string;
  readonly removeLabel: string;
  readonly hintId: string;
  /** Hands models: the visible mark on a picture where no hand was found. */
  readonly noHandLabel: string;
  onRemove(pictureId: string): void;
}) {
  const [element, setElement] = useState<HTMLLIElement | null>(null);
  const url = useNearbyPictureUrl(picture.encoded, watcher, element);
  return (
    <li
      ref={setElement}
      className={`imt-picture${picture.hand === null ? ' imt-picture--no-hand' : ''}`}
      data-picture-id={picture.id}
      tabIndex={focusable ? 0 : -1}
      aria-label={itemLabel}
      aria-describedby={focusable ? hintId : undefined}
    >
      {url && <img src={url} alt={label} width={64} height={64} />}
      {picture.hand && <HandSkeleton hand={picture.hand} />}
      {picture.hand === null && (
        <p className="imt-picture__no-hand" aria-hidden="true">
          {noHandLabel}
        </p>
      )}
      {/* For the mouse: the keyboard removes the focused picture with Delete, so this is no tab stop. */}
      <button
        type="button"
        className="imt-picture__remove"
        tabIndex={-1}
        aria-label={removeLabel}
        title={removeLabel}
        onClick={() => onRemove(picture.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
});

/** How many pictures sit in the grid's first row (the flex box wraps): what Up and Down move by. */
function picturesPerRow(grid: HTMLElement): number {
  const items = [...grid.children] as HTMLElement[];
  const top = items[0]?.offsetTop;
  const perRow = items.findIndex((item) => item.offsetTop !== top);
  return perRow < 0 ? items.length : perRow;
}

/**
 * The class's pictures as the squares the model sees. One tab stop for the whole grid: arrow keys, Home and End
 * move between pictures, Delete or Backspace removes the focused one (the class card offers the undo) and the
 * focus moves to the picture that took its place. Only the pictures in sight (or nearly) have an image, so a
 * class of hundreds of pictures costs a few decoded thumbnails, not hundreds.
 */
export function PictureGrid({
  className,
  pictures,
  emptyText,
  onRemove,
  onRemovedLast,
}: {
  readonly className: string;
  readonly pictures: readonly PictureView[];
  /** What an empty class says instead of "No pictures yet". */
  readonly emptyText?: string;
  onRemove(pictureId: string): void;
  /** The keyboard removed the last picture: the grid is gone, so the focus goes elsewhere. */
  onRemovedLast?(): void;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const [grid, setGrid] = useState<HTMLUListElement | null>(null);
  const watcher = useMemo(() => (grid ? createNearbyWatcher(grid, NEARBY_MARGIN) : null), [grid]);
  useEffect(() => () => watcher?.disconnect(), [watcher]);
  const [activeId, setActiveId] = useState<string | null>(null);
  /** Set by the keyboard: the picture to focus once the grid shows the change. */
  const focusNext = useRef<string | null>(null);
  const active = pictures.find((picture) => picture.id === activeId)?.id ?? pictures[0]?.id;

  useLayoutEffect(() => {
    const id = focusNext.current;
    if (!id || !grid) return;
    focusNext.current = null;
    grid.querySelector<HTMLElement>(`[data-picture-id="${CSS.escape(id)}"]`)?.focus();
  }, [grid, pictures, activeId]);

  if (pictures.length === 0) return <p className="imt-pictures--empty">{emptyText ?? t('trainer.noPicturesYet')}</p>;

  const moveTo = (id: string) => {
    focusNext.current = id;
    setActiveId(id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = pictures.findIndex((picture) => picture.id === active);
    if (index < 0 || !grid) return;
    const last = pictures.length - 1;
    const perRow = picturesPerRow(grid);
    const target = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      ArrowDown: index + perRow,
      ArrowUp: index - perRow,
      Home: 0,
      End: last,
    }[event.key];
    // Handled here only: the editor behind must not also act on them (Delete would delete its selected block).
    if (target !== undefined) {
      event.preventDefault();
      event.stopPropagation();
      moveTo(pictures[Math.min(Math.max(target, 0), last)].id);
      return;
    }
    if (event.key !== 'Delete' && event.key !== 'Backspace') return;
    event.preventDefault();
    event.stopPropagation();
    const next = pictures[index + 1] ?? pictures[index - 1];
    onRemove(pictures[index].id);
    if (next) moveTo(next.id);
    else onRemovedLast?.();
  };

  return (
    <>
      <ul
        ref={setGrid}
        className="imt-pictures"
        aria-label={t('trainer.picturesOf', { name: className })}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          // A click on a picture makes it the one Tab comes back to.
          const id = (event.target as HTMLElement).dataset.pictureId;
          if (id && id !== active) setActiveId(id);
        }}
      >
        {pictures.map((picture, index) => (
          <Thumbnail
            key={picture.id}
            picture={picture}
            watcher={watcher}
            focusable={picture.id === active}
            // "Picture 3 of 10…" on every picture would re-render them all whenever one is added (thousands
            // while a big upload comes in); the focus only ever lands on the focusable one.
            itemLabel={
              picture.id === active ? t('trainer.pictureItem', { number: index + 1, count: pictures.length, name: className }) : undefined
            }
            label={t(picture.hand === null ? 'trainer.pictureNoHand' : 'trainer.pictureLabel', { number: index + 1, name: className })}
            noHandLabel={t('trainer.noHandShort')}
            removeLabel={t('trainer.removePicture', { number: index + 1, name: className })}
            hintId={hintId}
            onRemove={onRemove}
          />
        ))}
      </ul>
      <p id={hintId} className="imt-visually-hidden">
        {t('trainer.pictureKeys')}
      </p>
    </>
  );
}
