import { useEffect, useId, useState } from 'react';
import { problemCode, type MapPoint, type PictureMapView, type PictureView, type ProblemCode } from '../../model-service';
import { useModelService, useServiceState } from '../service';
import { Icon } from '../trainer/icons';
import { usePictureUrl } from '../trainer/use-picture-url';
import { useTranslation } from '../use-translation';
import { LabDialog } from './lab-dialog';
import { LookedAt } from './looked-at';
import { MoveToClass } from './move-to-class';
import { useClassPicturesById } from './use-class-pictures';
import './picture-detail.css';
import './picture-map.css';

/** One colour per class, in class order (then again): far apart in hue, each dark enough for a white ring. */
const CLASS_COLOURS = ['#855cd6', '#e6731a', '#0f9d8a', '#d6336c', '#2f7fd8', '#8a6d00', '#5c940d', '#6b6b6b'];
const colourOf = (classIndex: number) => CLASS_COLOURS[classIndex % CLASS_COLOURS.length];

/** Changes whenever the map would: a picture added, removed or moved, a class added or removed. */
function picturesKey(classes: readonly { readonly id: string; readonly pictures: readonly PictureView[] }[]): string {
  return classes.map((info) => `${info.id}:${info.pictures.map((picture) => picture.id).join(',')}`).join('|');
}

/** The map, asked again after every change of the pictures; the last one stays while the next is made. */
function usePictureMap(): { readonly map: PictureMapView | null; readonly problem: ProblemCode | null } {
  const service = useModelService();
  const key = useServiceState((state) => picturesKey(state.classes));
  const [answer, setAnswer] = useState<{ map: PictureMapView | null; problem: ProblemCode | null }>({ map: null, problem: null });
  useEffect(() => {
    let current = true;
    service.mapPictures().then(
      (map) => current && setAnswer({ map, problem: null }),
      (error: unknown) => current && setAnswer((before) => ({ map: before.map, problem: problemCode(error) })),
    );
    return () => {
      current = false;
    };
  }, [service, key]);
  return answer;
}

/** A picture of the map, large: its class, what it looks like, and moving or deleting it. */
function MapPictureDialog({ point, number, onClose }: { readonly point: MapPoint; readonly number: number; onClose(): void }) {
  const { t } = useTranslation();
  const service = useModelService();
  const { classes, trained } = useServiceState((state) => ({
    classes: state.classes.map(({ id, name }) => ({ id, name })),
    trained: state.trained !== null,
  }));
  const picture = useClassPicturesById().get(point.pictureId);
  const url = usePictureUrl(picture?.encoded ?? null);
  const nameOf = (classId: string | null) => classes.find((info) => info.id === classId)?.name ?? '';
  const classId = picture?.classId ?? point.classId;
  return (
    <LabDialog title={t('lab.map.picture', { number, name: nameOf(classId) })} onClose={onClose}>
      {trained ? (
        <LookedAt picture={{ pictureId: point.pictureId }} identity={point.pictureId}>
          {url && <img className="iml-detail__picture" src={url} alt="" width={224} height={224} />}
        </LookedAt>
      ) : (
        url && <img className="iml-detail__picture" src={url} alt="" width={224} height={224} />
      )}
      <div className="iml-detail__facts">
        {!picture ? (
          <p className="imt-note">{t('lab.map.gone')}</p>
        ) : (
          <>
            <p className="iml-detail__label">{t('lab.mistakes.label', { name: nameOf(classId) })}</p>
            {point.looksLikeClassId && point.classId === classId && (
              <p className="imt-note imt-note--warn">{t('lab.map.looksLikeNote', { name: nameOf(point.looksLikeClassId) })}</p>
            )}
            <MoveToClass pictureId={point.pictureId} classes={classes.filter((info) => info.id !== classId)} className="iml-map__move" />
            <button
              type="button"
              className="imt-button imt-button--quiet imt-button--small"
              onClick={() => {
                service.removePicture(point.pictureId);
                onClose();
              }}
            >
              <Icon name="trash" />
              {t('lab.mistakes.delete')}
            </button>
          </>
        )}
      </div>
    </LabDialog>
  );
}

/** One picture in the list view: its thumbnail, class and (when marked) what it looks like. */
function MapListItem({
  point,
  number,
  nameOf,
  onOpen,
  onFocusChange,
}: {
  readonly point: MapPoint;
  readonly number: number;
  nameOf(classId: string): string;
  onOpen(): void;
  onFocusChange(focused: boolean): void;
}) {
  const { t } = useTranslation();
  const picture = useClassPicturesById().get(point.pictureId);
  const url = usePictureUrl(picture?.encoded ?? null);
  const label = t('lab.map.picture', { number, name: nameOf(point.classId) });
  return (
    <li>
      <button
        type="button"
        className="iml-map__item"
        onClick={onOpen}
        onFocus={() => onFocusChange(true)}
        onBlur={() => onFocusChange(false)}
        onMouseEnter={() => onFocusChange(true)}
        onMouseLeave={() => onFocusChange(false)}
      >
        {url && <img src={url} alt="" width={40} height={40} />}
        <span>
          {label}
          {point.looksLikeClassId && <>: {t('lab.map.looksLike', { name: nameOf(point.looksLikeClassId) })}</>}
        </span>
      </button>
    </li>
  );
}

/** The thumbnail shown by the pointed-at or focused picture on the map. */
function MapThumbnail({ point }: { readonly point: MapPoint }) {
  const picture = useClassPicturesById().get(point.pictureId);
  const url = usePictureUrl(picture?.encoded ?? null);
  if (!url) return null;
  const style = { left: `${point.x * 100}%`, top: `${point.y * 100}%` };
  return <img className="iml-map__thumbnail" src={url} alt="" width={72} height={72} style={style} />;
}

/**
 * A map of all pictures: pictures the backbone sees alike lie close, coloured by class, a ring round those that
 * sit among another class. Pointing at a picture shows it; clicking opens it to move or delete. The same pictures
 * as a list, grouped by whether they look like their class, serve the keyboard and screen readers.
 */
export function PictureMapPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const classes = useServiceState((state) => state.classes.map(({ id, name }) => ({ id, name })));
  const { map, problem } = usePictureMap();
  const [hovered, setHovered] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const indexOf = new Map(classes.map((info, index) => [info.id, index]));
  const nameOf = (classId: string) => classes.find((info) => info.id === classId)?.name ?? '';
  const points = (map?.points ?? []).filter((point) => indexOf.has(point.classId));
  const numberOf = new Map(points.map((point, i) => [point.pictureId, i + 1]));
  const own = points.filter((point) => !point.looksLikeClassId);
  const other = points.filter((point) => point.looksLikeClassId);
  const groups = [
    { key: 'own', points: own, title: t('lab.map.ownClass', { count: own.length }), none: t('lab.map.noneOwn') },
    { key: 'other', points: other, title: t('lab.map.otherClass', { count: other.length }), none: t('lab.map.noneOther') },
  ];
  const shownPoint = points.find((point) => point.pictureId === hovered);
  const openPoint = map?.points.find((point) => point.pictureId === open);

  let body;
  if (problem && !map) {
    body = (
      <p className="imt-note imt-note--bad" role="alert">
        {t(`errors.${problem}`)}
      </p>
    );
  } else if (!map) {
    body = (
      <p className="imt-field-help" role="status">
        {t('lab.map.making')}
      </p>
    );
  } else if (points.length === 0) {
    body = <p className="imt-field-help">{t('lab.map.empty')}</p>;
  } else {
    body = (
      <>
        <ul className="iml-map__legend" aria-label={t('lab.map.legend')}>
          {classes.map((info, index) => (
            <li key={info.id}>
              <span className="iml-map__swatch" style={{ background: colourOf(index) }} aria-hidden="true" />
              {info.name}
            </li>
          ))}
          <li>
            <span className="iml-map__swatch iml-map__swatch--ring" aria-hidden="true" />
            {t('lab.map.ringLegend')}
          </li>
        </ul>
        {/* For the eyes and the mouse; the list below has the same pictures for the keyboard and screen readers. */}
        <div className="iml-map" aria-hidden="true">
          <svg viewBox="-4 -4 108 108" className="iml-map__plot">
            {points.map((point) => (
              <g
                key={point.pictureId}
                className={`iml-map__point${point.pictureId === hovered ? ' iml-map__point--shown' : ''}`}
                onMouseEnter={() => setHovered(point.pictureId)}
                onMouseLeave={() => setHovered(null)}
                onClick={() => setOpen(point.pictureId)}
              >
                {point.looksLikeClassId && <circle className="iml-map__mark" cx={point.x * 100} cy={point.y * 100} r={4} />}
                <circle cx={point.x * 100} cy={point.y * 100} r={2.4} fill={colourOf(indexOf.get(point.classId)!)} />
              </g>
            ))}
          </svg>
          {shownPoint && <MapThumbnail point={shownPoint} />}
        </div>
        <h5 className="iml-subheading">{t('lab.map.listHeading')}</h5>
        {groups.map((group) => (
          <div key={group.key}>
            <h6 className="iml-map__group">{group.title}</h6>
            {group.points.length === 0 ? (
              <p className="imt-field-help">{group.none}</p>
            ) : (
              <ul className="iml-map__list" aria-label={group.title}>
                {group.points.map((point) => (
                  <MapListItem
                    key={point.pictureId}
                    point={point}
                    number={numberOf.get(point.pictureId)!}
                    nameOf={nameOf}
                    onOpen={() => setOpen(point.pictureId)}
                    onFocusChange={(focused) => setHovered(focused ? point.pictureId : null)}
                  />
                ))}
              </ul>
            )}
          </div>
        ))}
      </>
    );
  }

  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">
        {t('lab.map.heading')}
      </h4>
      <p className="imt-field-help">{t('lab.map.help')}</p>
      {body}
      {openPoint && <MapPictureDialog point={openPoint} number={numberOf.get(openPoint.pictureId) ?? 0} onClose={() => setOpen(null)} />}
    </section>
  );
}
