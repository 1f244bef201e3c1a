import { useState } from "preact/hooks";
import type { AdminLoginInput, FixPlan, Inspection, ProfileView, RunAsUser } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";
import { progressText } from "../lib/change";
import { useRunFlowContext } from "./useRun";

/**
 * "Fix in Salesforce": the plan Rust makes from the inspection (before → after), a Run As user
 * picked when one is needed, the deploy with its progress, then the app read again and tested.
 */
export function useFix(
  view: ProfileView,
  session: AdminLoginInput | null,
  inspection: Inspection,
  onInspected: (found: Inspection) => void,
) {
  const flow = useRunFlowContext();
  const [plan, setPlan] = useState<FixPlan | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [users, setUsers] = useState<RunAsUser[] | null>(null);
  const [runAs, setRunAs] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = view.profile.id;

  async function step(name: string, work: () => Promise<void>) {
    setBusy(name);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  /** What the fix would change; when it needs a Run As user, the picker is offered. */
  const prepare = () =>
    step("plan", async () => {
      if (!session) return;
      const next = await api.planFix(id, session, inspection, runAs.trim() === "" ? null : runAs);
      // The picker appears with its users, not before.
      if (next.needs.length > 0 && users === null) {
        const list = await api.runAsUsers(id, session);
        setUsers(list);
        setRunAs((r) => r || (list.find((u) => u.profile?.includes("Integration"))?.username ?? list[0]?.username ?? ""));
      }
      setPlan(next);
      setSheetOpen(next.changes.length > 0 && next.needs.length === 0);
    });

  /** The admin confirmed the sheet: deploy, read the app again, test it. */
  const apply = () =>
    step("apply", async () => {
      if (!session || !plan) return;
      setSheetOpen(false);
      const found = await api.applyFix(id, session, (p) => setProgress(progressText(p)));
      setPlan(null);
      onInspected(found);
      const left = found.findings.filter((f) => f.severity === "error").length;
      setDone(
        left === 0
          ? "Fixed in Salesforce: the app's settings are right now. The test runs again (it keeps trying while Salesforce applies the change)."
          : `Deployed. ${left === 1 ? "1 problem is" : `${left} problems are`} left: they are about users or permissions, which ECA Preflight never changes.`,
      );
      if (left === 0) flow.start(view, true);
    });

  return {
    plan,
    sheetOpen,
    closeSheet: () => setSheetOpen(false),
    users,
    runAs,
    setRunAs,
    busy,
    progress,
    error,
    done,
    prepare,
    apply,
  };
}
