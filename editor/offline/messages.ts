// What the service worker and the editor page say to each other (beside workbox-window's own SKIP_WAITING).

/** The service worker's note to the pages it serves when the browser has no room for the offline copy. */
export const NO_ROOM_FOR_OFFLINE = 'image-model-offline-no-room';

export interface NoRoomForOffline {
  readonly type: typeof NO_ROOM_FOR_OFFLINE;
}

export function isNoRoomForOffline(data: unknown): data is NoRoomForOffline {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === NO_ROOM_FOR_OFFLINE;
}
