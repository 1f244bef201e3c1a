import { useEffect, useState } from "preact/hooks";
import type { AdminLoginInput, AdminLoginView } from "../ipc/bindings";
import { api } from "../ipc/client";

export type Source = "salesforce_cli" | "pasted";

/**
 * The admin's login as the sign-in form holds it (Salesforce CLI alias or pasted token), and the
 * login Rust keeps from before (a real org only; the practice org lets its admin in at once).
 */
export function useAdminLogin(practice: boolean, profileId: string) {
  const [kept, setKept] = useState<AdminLoginView | null>(null);
  const [source, setSource] = useState<Source>("salesforce_cli");
  const [alias, setAlias] = useState("");
  const [token, setToken] = useState("");
  const [keep, setKeep] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per profile shown
  useEffect(() => {
    if (!practice) void refreshKept();
  }, [profileId]);

  async function refreshKept() {
    if (practice) return;
    setKept(await api.keptAdminLogin().catch(() => null));
  }

  /** Another kind of login: the error of the last one no longer applies. */
  function pick(next: Source) {
    setSource(next);
    setError(null);
  }

  /** What the form says now (the practice org's own admin on the practice profile). */
  function input(): AdminLoginInput {
    if (practice) return { source: "practice" };
    return source === "salesforce_cli" ? { source: "salesforce_cli", alias, keep } : { source: "pasted", token, keep };
  }

  /** After a login was used: the token typed leaves the form, the kept login is read again. */
  async function used() {
    setToken("");
    await refreshKept();
  }

  async function forget() {
    await api.forgetAdminLogin().catch(() => undefined);
    setKept(null);
  }

  return {
    practice,
    kept,
    source,
    alias,
    setAlias,
    token,
    setToken,
    keep,
    setKeep,
    error,
    setError,
    pick,
    input,
    used,
    forget,
  };
}

export type AdminLoginForm = ReturnType<typeof useAdminLogin>;
