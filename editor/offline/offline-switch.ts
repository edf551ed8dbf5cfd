// The off switch for development: `?no-offline` in the address (or a build made with IMAGE_MODEL_OFFLINE=0) keeps
// the service worker out of the way, so every reload fetches the files just built.

/** The address parameter that turns the offline copy off for this browser (until an address without it). */
export const NO_OFFLINE_PARAMETER = 'no-offline';

/** Whether this page should register the service worker (else it removes any it finds). */
export function offlineWanted(search: string, builtWithOffline: boolean): boolean {
  return builtWithOffline && !new URLSearchParams(search).has(NO_OFFLINE_PARAMETER);
}
