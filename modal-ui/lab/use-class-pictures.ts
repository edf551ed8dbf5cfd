// The child's class pictures by id, made once per change of the classes (not on every training epoch's commit).
import { useMemo } from 'react';
import type { PictureView } from '../../model-service';
import { useServiceState } from '../service';
import { picturesById } from './picture-detail';

export function useClassPicturesById(): ReadonlyMap<string, PictureView> {
  const classes = useServiceState((state) => state.classes);
  return useMemo(() => picturesById(classes.flatMap((info) => info.pictures)), [classes]);
}
