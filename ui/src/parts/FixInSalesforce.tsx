// "Fix in Salesforce": below the inspection's checklist, the wrong settings of the app's own
// configuration changed with the admin's login, after a before → after sheet. Findings about
// users and permissions are listed with their Setup page, never changed.
import { useFix } from "../hooks/useFix";
import type { AdminLoginInput, FixPlan, Inspection, ProfileView } from "../ipc/bindings";
import { type ChangeRow, PLACE } from "../lib/change";
import { ChangeSheet } from "./ChangeSheet";

interface Props {
  view: ProfileView;
  session: AdminLoginInput | null;
  inspection: Inspection;
  onInspected: (found: Inspection) => void;
}

function rows(plan: FixPlan): ChangeRow[] {
  return plan.changes.map((c) => ({
    where: `${PLACE[c.kind] ?? c.kind} — ${c.component}`,
    setting: c.setting,
    before: c.before,
    after: c.after,
  }));
}

/** Shown when inspection found something wrong; a Connected App or nothing to change says why. */
export function FixInSalesforce({ view, session, inspection, onInspected }: Props) {
  const f = useFix(view, session, inspection, onInspected);
  const plan = f.plan;
  return (
    <section class="fix" aria-labelledby="fix-title" data-testid="fix" aria-busy={f.busy !== null}>
      <h4 id="fix-title">Fix in Salesforce</h4>
      <p class="hint">
        ECA Preflight can change the app's own settings with your admin login, after you see each change. It never
        changes users or permissions.
      </p>
      {plan && plan.needs.length > 0 ? (
        <div class="field">
          <label for="fix-run-as">Run As user</label>
          <select id="fix-run-as" data-testid="fix-run-as" value={f.runAs} onChange={(e) => f.setRunAs((e.target as HTMLSelectElement).value)}>
            {(f.users ?? []).map((u) => (
              <option key={u.id} value={u.username}>
                {u.username}
                {u.profile ? ` (${u.profile})` : ""}
              </option>
            ))}
          </select>
          <p class="hint">Needed: {plan.needs.join("; ")}.</p>
        </div>
      ) : null}
      <button type="button" class="btn btn-primary" data-testid="fix-open" disabled={f.busy !== null || session === null} onClick={() => void f.prepare()}>
        {f.busy === "plan" ? "Reading the settings…" : "Fix in Salesforce…"}
      </button>
      {plan && plan.changes.length === 0 && plan.needs.length === 0 ? (
        <p class="hint" data-testid="fix-nothing">
          No setting of the app itself can mend what was found: see each finding's Setup page above.
        </p>
      ) : null}
      {f.sheetOpen && plan ? (
        <ChangeSheet
          title={`Change ${plan.changes.length === 1 ? "1 setting" : `${plan.changes.length} settings`} of ${plan.app}?`}
          rows={rows(plan)}
          confirmLabel="Deploy the changes"
          onConfirm={() => void f.apply()}
          onCancel={f.closeSheet}
        >
          <p>
            In <strong>{plan.host}</strong>, one Metadata API deploy.
          </p>
          {plan.listed_only.length > 0 ? (
            <div data-testid="fix-listed-only">
              <p>Not changed (users and permissions are yours to change):</p>
              <ul>
                {plan.listed_only.map((l) => (
                  <li key={l.code}>{l.title}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </ChangeSheet>
      ) : null}
      {f.progress ? (
        <p class="hint" role="status" data-testid="fix-progress">
          {f.progress}
        </p>
      ) : null}
      {f.error ? (
        <p class="hint hint-error" role="alert" data-testid="fix-error">
          {f.error}
        </p>
      ) : null}
      {f.done ? (
        <p class="hint hint-ok" role="status" data-testid="fix-done">
          {f.done}
        </p>
      ) : null}
    </section>
  );
}
