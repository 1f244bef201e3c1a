import { useState } from "preact/hooks";
import type { AdminLoginInput, ExistingStaged, ProfileView } from "../ipc/bindings";
import { api, errorMessage, toIpcError } from "../ipc/client";
import { progressText } from "../lib/change";
import { isPractice } from "../lib/profile";
import { useAdminLogin } from "./useAdminLogin";

/**
 * "Rotate for me": Salesforce stages a new pair, Rust proves it (a real token and an API call)
 * and promotes it; the profile takes it and keeps the old one until it expires or is deleted.
 */
export function useRotateForMe(view: ProfileView, onSaved: (v: ProfileView) => void) {
  const profile = view.profile;
  const login = useAdminLogin(isPractice(profile), profile.id);
  /** The sign-in waiting for the sheet's confirmation. */
  const [pending, setPending] = useState<AdminLoginInput | null>(null);
  /** The login the rotation used, for "Use it / Delete it" and deleting the old pair. */
  const [session, setSession] = useState<AdminLoginInput | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [stagedExists, setStagedExists] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function step(name: string, work: () => Promise<void>) {
    setBusy(name);
    login.setError(null);
    try {
      await work();
    } catch (e) {
      const error = toIpcError(e);
      if (error.detail.kind === "staged_exists") setStagedExists(error.message);
      else login.setError(errorMessage(e));
    } finally {
      setBusy(null);
      setProgress(null);
      await login.used();
    }
  }

  const rotate = (input: AdminLoginInput, existing: ExistingStaged = "refuse") =>
    step("rotate", async () => {
      setPending(null);
      setStagedExists(null);
      setSession("keep" in input && input.keep ? { source: "kept" } : input);
      const next = await api.rotateCredentials(profile.id, input, existing, (p) => setProgress(progressText(p)));
      onSaved(next);
      setDone(
        "The profile uses the new key and secret now: the new pair passed a real token request and an API call. Switch your integration to it before the old pair stops working (below).",
      );
    });

  const finish = () =>
    step("finish", async () => {
      const input = session ?? login.input();
      onSaved(await api.finishRotation(profile.id, input));
      setDone("The old pair is deleted: Salesforce refuses it from now on.");
    });

  return {
    login,
    pending,
    ask: (input: AdminLoginInput) => setPending(input),
    cancel: () => setPending(null),
    session,
    busy,
    progress,
    stagedExists,
    done,
    rotate,
    finish,
  };
}
