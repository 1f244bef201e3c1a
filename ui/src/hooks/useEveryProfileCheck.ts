import { useEffect, useState } from "preact/hooks";
import type { ProfileCheck } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";

/** "Check every profile": Rust runs them a few at a time; opening the screen starts it. */
export function useEveryProfileCheck(onDone?: () => void) {
  const [rows, setRows] = useState<ProfileCheck[] | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setRunning(true);
    setError(null);
    try {
      setRows(await api.checkEveryProfile());
      onDone?.();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  }

  // Opening the panel is the request to run.
  // biome-ignore lint/correctness/useExhaustiveDependencies: opening the panel is the request to run, once
  useEffect(() => {
    void start();
  }, []);

  const cancel = () => void api.cancelCheck();

  return { rows, running, error, start, cancel };
}
