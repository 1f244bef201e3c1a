import { useEffect, useState } from "preact/hooks";
import type { AdminLoginInput, AdminLoginView, Inspection, Profile } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";
import { isPractice } from "../lib/profile";

export type Source = "salesforce_cli" | "pasted";

/** "Find the exact setting": the admin's login (typed, or kept from before) and Rust's reading. */
export function useInspection(profile: Profile) {
  const practice = isPractice(profile);
  const [kept, setKept] = useState<AdminLoginView | null>(null);
  const [source, setSource] = useState<Source>("salesforce_cli");
  const [alias, setAlias] = useState("");
  const [token, setToken] = useState("");
  const [keep, setKeep] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Inspection | null>(null);

  // The practice org lets the admin in at once; a real org may have a login kept from before.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per profile shown; read and practice follow from it
  useEffect(() => {
    if (practice) {
      void read({ source: "practice" });
    } else {
      api.keptAdminLogin().then(setKept, () => setKept(null));
    }
  }, [profile.id]);

  async function read(login: AdminLoginInput) {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.inspectApp(profile.id, login));
      setToken("");
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      if (!practice) setKept(await api.keptAdminLogin().catch(() => null));
    }
  }

  /** Another kind of login: the error of the last one no longer applies. */
  function pick(next: Source) {
    setSource(next);
    setError(null);
  }

  function submit(e: Event) {
    e.preventDefault();
    void read(
      source === "salesforce_cli"
        ? { source: "salesforce_cli", alias, keep }
        : { source: "pasted", token, keep },
    );
  }

  async function forget() {
    await api.forgetAdminLogin().catch(() => undefined);
    setKept(null);
  }

  return { kept, source, alias, setAlias, token, setToken, keep, setKeep, busy, error, result, pick, submit, read, forget };
}
