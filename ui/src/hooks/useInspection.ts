import { useEffect, useState } from "preact/hooks";
import type { AdminLoginInput, Inspection, Profile } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";
import { isPractice } from "../lib/profile";
import { useAdminLogin } from "./useAdminLogin";

/** "Find the exact setting": the admin's login (typed, or kept from before) and Rust's reading. */
export function useInspection(profile: Profile) {
  const practice = isPractice(profile);
  const login = useAdminLogin(practice, profile.id);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Inspection | null>(null);
  /** The login the inspection used, for a fix made next (memory only, while the panel is open). */
  const [session, setSession] = useState<AdminLoginInput | null>(null);

  // The practice org lets the admin in at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per profile shown; read and practice follow from it
  useEffect(() => {
    if (practice) void read({ source: "practice" });
  }, [profile.id]);

  async function read(input: AdminLoginInput) {
    setBusy(true);
    login.setError(null);
    try {
      setResult(await api.inspectApp(profile.id, input));
      setSession("keep" in input && input.keep ? { source: "kept" } : input);
    } catch (e) {
      login.setError(errorMessage(e));
    } finally {
      setBusy(false);
      await login.used();
    }
  }

  return { login, busy, result, setResult, read, session };
}
