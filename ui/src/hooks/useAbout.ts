import { useEffect, useState } from "preact/hooks";
import type { AboutInfo, AboutLink, UpdateCheck } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";

export type Updates =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "found"; check: UpdateCheck }
  | { kind: "installing" }
  | { kind: "error"; message: string };

/** About: the version, build and log folder from Rust, its links, and the update check (only when asked). */
export function useAbout() {
  const [info, setInfo] = useState<AboutInfo | null>(null);
  const [updates, setUpdates] = useState<Updates>({ kind: "idle" });
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    api.about().then(setInfo, (e: unknown) => setProblem(errorMessage(e)));
  }, []);

  function open(link: AboutLink) {
    setProblem(null);
    api.openAbout(link).catch((e: unknown) => setProblem(errorMessage(e)));
  }

  async function check() {
    setUpdates({ kind: "checking" });
    try {
      setUpdates({ kind: "found", check: await api.checkForUpdates() });
    } catch (e) {
      setUpdates({ kind: "error", message: errorMessage(e) });
    }
  }

  async function install() {
    setUpdates({ kind: "installing" });
    try {
      await api.installUpdate();
    } catch (e) {
      setUpdates({ kind: "error", message: errorMessage(e) });
    }
  }

  return { info, updates, problem, open, check, install };
}
