import { useEffect, useState } from "preact/hooks";
import type { Leftover } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";

/** The test records an earlier run left in the org (the cleanup journal), and their cleanup. */
export function useLeftovers(profileId: string, refresh: unknown) {
  const [left, setLeft] = useState<Leftover[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new run result (refresh) is the request to look again
  useEffect(() => {
    let current = true;
    api.leftovers(profileId).then(
      (list) => current && setLeft(list),
      () => current && setLeft([]),
    );
    return () => {
      current = false;
    };
  }, [profileId, refresh]);

  async function clean() {
    setBusy(true);
    setMessage(null);
    try {
      const results = await api.cleanLeftovers(profileId);
      const failed = results.filter((r) => r.cleaned === null);
      setMessage(
        failed.length === 0
          ? { text: results.length === 1 ? "The test record is deleted." : "The test records are deleted.", error: false }
          : { text: failed.map((r) => r.error).join(" "), error: true },
      );
      setLeft(await api.leftovers(profileId));
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    } finally {
      setBusy(false);
    }
  }

  return { left, busy, message, clean };
}
