import { useEffect, useState } from 'react';

/** An object URL for a stored picture's encoding, revoked when the picture leaves the screen. */
export function usePictureUrl(encoded: Blob | null): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!encoded) {
      setUrl(undefined);
      return undefined;
    }
    const objectUrl = URL.createObjectURL(encoded);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [encoded]);
  return url;
}

/** Tells elements inside one scrolling box whether they are on screen or near it; one observer for them all. */
export interface NearbyWatcher {
  watch(element: Element, onChange: (near: boolean) => void): () => void;
  disconnect(): void;
}

/**
 * `margin` widens the box (CSS margin syntax, % of the box's size), so pictures just out of sight are ready
 * before they scroll in. Without IntersectionObserver every element counts as near.
 */
export function createNearbyWatcher(root: Element, margin: string): NearbyWatcher {
  if (typeof IntersectionObserver === 'undefined') {
    return {
      watch: (_element, onChange) => {
        onChange(true);
        return () => undefined;
      },
      disconnect: () => undefined,
    };
  }
  const listeners = new Map<Element, (near: boolean) => void>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
    },
    { root, rootMargin: margin },
  );
  return {
    watch(element, onChange) {
      listeners.set(element, onChange);
      observer.observe(element);
      return () => {
        observer.unobserve(element);
        listeners.delete(element);
      };
    },
    disconnect() {
      observer.disconnect();
      listeners.clear();
    },
  };
}

/** Whether `element` is near the screen: false until the watcher says so, and while there is no watcher. */
export function useNear(watcher: NearbyWatcher | null, element: Element | null): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    if (!watcher || !element) return undefined;
    return watcher.watch(element, setNear);
  }, [watcher, element]);
  return near;
}

/** A thumbnail's URL that exists only while it is on screen or near it: thousands of pictures, a few decoded. */
export function useNearbyPictureUrl(encoded: Blob, watcher: NearbyWatcher | null, element: Element | null): string | undefined {
  return usePictureUrl(useNear(watcher, element) ? encoded : null);
}
