import { useState } from "preact/hooks";
import type { AdminLoginInput, CreatePlan, NewApp, NewAppOutcome, ProfileView, RunAsUser } from "../ipc/bindings";
import { api, errorMessage, toIpcError } from "../ipc/client";
import { progressText } from "../lib/change";
import { isPractice } from "../lib/profile";
import { useAdminLogin } from "./useAdminLogin";
import { useRunFlowContext } from "./useRun";

/** A half-made app: what exists in the org now, and the app's name. */
export interface HalfDone {
  name: string;
  message: string;
  exists: string[];
}

/** An API name from the profile's name: letters, digits and single underscores. */
export function apiNameFrom(text: string): string {
  const name = text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^[^A-Za-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return name === "" ? "ECA_Preflight_Integration" : name;
}

/**
 * "Set it up for me": sign in, pick the Run As user, review the plan, make the app (its
 * progress line), and the result in the profile. Every step is Rust's.
 */
export function useSetUpForMe(view: ProfileView, onSaved: (v: ProfileView) => void) {
  const profile = view.profile;
  const login = useAdminLogin(isPractice(profile), profile.id);
  const flow = useRunFlowContext();
  /** The login the steps after the sign-in use (kept in memory while this panel is open). */
  const [session, setSession] = useState<AdminLoginInput | null>(null);
  const [users, setUsers] = useState<RunAsUser[] | null>(null);
  const [app, setApp] = useState<NewApp>({
    name: apiNameFrom(profile.name),
    label: profile.name,
    contact_email: "",
    run_as: "",
    scopes: [],
  });
  const [plan, setPlan] = useState<CreatePlan | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<NewAppOutcome | null>(null);
  const [halfDone, setHalfDone] = useState<HalfDone | null>(null);
  const [removed, setRemoved] = useState<string[] | null>(null);

  async function step<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    setBusy(name);
    login.setError(null);
    try {
      return await work();
    } catch (e) {
      const error = toIpcError(e);
      if (error.detail.kind === "half_done") {
        setHalfDone({ name: app.name, message: error.message, exists: error.detail.exists });
      } else {
        login.setError(errorMessage(e));
      }
      return undefined;
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  /** Sign in: the org's users who can be Run As. */
  const signIn = (input: AdminLoginInput) =>
    step("users", async () => {
      const list = await api.runAsUsers(profile.id, input);
      // A kept login is used by name from now on; any other stays in this panel's memory.
      setSession(input.source === "salesforce_cli" || input.source === "pasted" ? (input.keep ? { source: "kept" } : input) : input);
      setUsers(list);
      setApp((a) => ({ ...a, run_as: a.run_as || (list.find((u) => u.profile?.includes("Integration"))?.username ?? list[0]?.username ?? "") }));
      await login.used();
    });

  /** What will be made, checked against the org (nothing changes). */
  const review = () =>
    step("plan", async () => {
      if (!session) return;
      setPlan(await api.planNewApp(profile.id, session, app));
    });

  /** The admin confirmed the plan: make it. */
  const create = () =>
    step("create", async () => {
      if (!session) return;
      setPlan(null);
      const made = await api.createNewApp(profile.id, session, app, (p) => setProgress(progressText(p)));
      landed(made);
    });

  /** The new pair is in the profile: test it, trying again while Salesforce spreads the app. */
  function landed(made: NewAppOutcome) {
    setOutcome(made);
    setHalfDone(null);
    onSaved(made.view);
    if (made.secret_stored) flow.start(made.view, true);
  }

  const finish = () =>
    step("finish", async () => {
      if (!session || !halfDone) return;
      const made = await api.finishNewApp(profile.id, session, halfDone.name, app.run_as, (p) =>
        setProgress(progressText(p)),
      );
      landed(made);
    });

  const remove = () =>
    step("remove", async () => {
      if (!session || !halfDone) return;
      setRemoved(await api.removeNewApp(profile.id, session, halfDone.name, (p) => setProgress(progressText(p))));
      setHalfDone(null);
    });

  return {
    login,
    signedIn: session !== null,
    users,
    app,
    setApp,
    plan,
    cancelPlan: () => setPlan(null),
    busy,
    progress,
    outcome,
    halfDone,
    removed,
    signIn,
    review,
    create,
    finish,
    remove,
  };
}
