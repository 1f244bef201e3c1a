import { useState } from "preact/hooks";
import { openExternal } from "../ipc/client";

export interface ExternalLink {
  /** Opens `url` in the system browser; when none opens, `failed` becomes `url`. */
  open: (url: string) => void;
  /** The address no browser opened, shown beside the button that was pressed. */
  failed: string | null;
  dismiss: () => void;
}

/** Links to Setup pages and records: a failure is shown where the admin clicked. */
export function useExternalLink(): ExternalLink {
  const [failed, setFailed] = useState<string | null>(null);
  function open(url: string) {
    setFailed(null);
    void openExternal(url).then((opened) => {
      if (!opened) setFailed(url);
    });
  }
  return { open, failed, dismiss: () => setFailed(null) };
}
