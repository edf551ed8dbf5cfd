// The map of all pictures for the Lab: the engine's layout with each picture's id and classes by id.
import type { ClassInfo, PictureMap } from '../engine';

export interface MapPoint {
  readonly pictureId: string;
  readonly classId: string;
  /** 0..1 from the left and from the top. */
  readonly x: number;
  readonly y: number;
  /** The class its nearest pictures mostly belong to, when that is not its own. */
  readonly looksLikeClassId: string | null;
}

export interface PictureMapView {
  readonly points: readonly MapPoint[];
  /** How the map was made: UMAP for many pictures, PCA for a few (engine/lab/picture-map.ts). */
  readonly method: PictureMap['method'];
}

export function pictureMapView(
  pictures: readonly { readonly id: string; readonly classId: string }[],
  classes: readonly ClassInfo[],
  map: PictureMap,
): PictureMapView {
  return {
    method: map.method,
    points: pictures.map((picture, i) => {
      const looksLike = map.looksLike[i];
      return {
        pictureId: picture.id,
        classId: picture.classId,
        x: map.points[i][0],
        y: map.points[i][1],
        looksLikeClassId: looksLike === null ? null : classes[looksLike].id,
      };
    }),
  };
}
