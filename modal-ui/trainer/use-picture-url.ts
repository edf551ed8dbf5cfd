import { useEffect, useState } from 'react';

/** An object URL for a stored JPEG, revoked when the picture leaves the screen. */
export function usePictureUrl(jpeg: Blob | null): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!jpeg) {
      setUrl(undefined);
      return undefined;
    }
    const objectUrl = URL.createObjectURL(jpeg);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [jpeg]);
  return url;
}
