// "Set it up for me": the External Client App made with the admin's own login, beside the
// guide — sign in, pick the Run As user, see every setting before anything changes, follow the
// deploys, and the new pair lands in this profile and is tested.
import { useState } from "preact/hooks";
import { useExternalLink } from "../hooks/useExternalLink";
import { useSetUpForMe } from "../hooks/useSetUpForMe";
import type { CreatePlan, ProfileView } from "../ipc/bindings";
import { type ChangeRow, PLACE } from "../lib/change";
import { AdminSignIn } from "./AdminSignIn";
import { ChangeSheet } from "./ChangeSheet";
import { ConfirmDialog } from "./ConfirmDialog";
import { LinkNotice } from "./LinkNotice";

interface Props {
  view: ProfileView;
  onSaved: (view: ProfileView) => void;
}

/** Every setting the plan makes: nothing exists before, so each is "not set" → its value. */
function rows(plan: CreatePlan): ChangeRow[] {
  return plan.components.flatMap(({ phase, component }) =>
    component.fields.map(([setting, after]) => ({
      where: `${PLACE[component.kind] ?? component.kind} — ${component.full_name} (deploy ${phase})`,
      setting,
      before: null,
      after,
    })),
  );
}

export function SetUpForMe({ view, onSaved }: Props) {
  const s = useSetUpForMe(view, onSaved);
  const link = useExternalLink();
  const [removing, setRemoving] = useState(false);
  const host = view.profile.target.kind === "org" ? view.profile.target.domain : "the practice org";
  const set = (field: "name" | "label" | "contact_email" | "run_as") => (e: Event) =>
    s.setApp({ ...s.app, [field]: (e.target as HTMLInputElement | HTMLSelectElement).value });

  if (view.draft || (view.profile.target.kind === "org" && view.profile.target.domain.trim() === "")) {
    return (
      <section class="card setup-for-me" aria-labelledby="setup-for-me-title" data-testid="setup-for-me">
        <h2 id="setup-for-me-title">Let ECA Preflight set it up</h2>
        <p class="hint">Save this profile with your org's My Domain (Connection tab) first.</p>
      </section>
    );
  }
  return (
    <section class="card setup-for-me" aria-labelledby="setup-for-me-title" aria-busy={s.busy !== null} data-testid="setup-for-me">
      <h2 id="setup-for-me-title">Let ECA Preflight set it up</h2>
      <p class="lead">
        Instead of the steps below, ECA Preflight can make the External Client App with your own admin login: the
        flow on in both places, Run As set to a username, the <code>api</code> scope. You see every setting before
        anything changes; the new key goes into this profile and the secret into the system keychain.
      </p>

      {!s.signedIn ? (
        <AdminSignIn
          login={s.login}
          host={host}
          action="Sign in and choose the Run As user"
          busy={s.busy !== null}
          idPrefix="setup"
          onSubmit={(input) => void s.signIn(input)}
        />
      ) : s.outcome === null ? (
        <form
          class="setup-form"
          data-testid="setup-form"
          onSubmit={(e) => {
            e.preventDefault();
            void s.review();
          }}
        >
          <div class="field">
            <label for="setup-run-as">Run As user</label>
            <select id="setup-run-as" data-testid="setup-run-as" value={s.app.run_as} onChange={set("run_as")}>
              {(s.users ?? []).map((u) => (
                <option key={u.id} value={u.username}>
                  {u.username}
                  {u.name ? ` — ${u.name}` : ""}
                  {u.profile ? ` (${u.profile})` : ""}
                </option>
              ))}
            </select>
            <p class="hint">The org's active users with API Enabled. Salesforce recommends an integration user.</p>
          </div>
          <div class="field">
            <label for="setup-name">API name</label>
            <input id="setup-name" data-testid="setup-name" value={s.app.name} onInput={set("name")} spellcheck={false} />
          </div>
          <div class="field">
            <label for="setup-label">Label</label>
            <input id="setup-label" data-testid="setup-label" value={s.app.label} onInput={set("label")} />
          </div>
          <div class="field">
            <label for="setup-email">Contact email</label>
            <input id="setup-email" type="email" data-testid="setup-email" value={s.app.contact_email} onInput={set("contact_email")} placeholder="(the Run As user's)" />
          </div>
          <button type="submit" class="btn btn-primary" data-testid="setup-review" disabled={s.busy !== null || s.app.run_as === ""}>
            {s.busy === "plan" ? "Checking…" : "Review the changes"}
          </button>
        </form>
      ) : null}

      {s.plan ? (
        <ChangeSheet
          title={`Create the app ${s.plan.app}?`}
          rows={rows(s.plan)}
          confirmLabel="Create the app"
          onConfirm={() => void s.create()}
          onCancel={s.cancelPlan}
        >
          <p data-testid="setup-sheet-org">
            In <strong>{s.plan.host}</strong>
            {s.plan.org_kind === "production" ? (
              <strong class="hint-error"> — a production org</strong>
            ) : s.plan.org_kind === "sandbox" ? (
              " (a sandbox)"
            ) : (
              ""
            )}
            , running as <strong>{s.plan.run_as.username}</strong>. Two deploys: the app first, then its OAuth
            policies.
          </p>
        </ChangeSheet>
      ) : null}

      {s.progress ? (
        <p class="hint" role="status" data-testid="setup-progress">
          {s.progress}
        </p>
      ) : null}
      {s.login.error ? (
        <p class="hint hint-error" role="alert" data-testid="setup-error">
          {s.login.error}
        </p>
      ) : null}

      {s.halfDone ? (
        <div class="notice notice-error" role="alert" data-testid="setup-half-done">
          <p>{s.halfDone.message}</p>
          <p>In the org now:</p>
          <ul>
            {s.halfDone.exists.map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
          <div class="row">
            <button type="button" class="btn btn-primary" data-testid="setup-finish" disabled={s.busy !== null} onClick={() => void s.finish()}>
              Finish it (Run As {s.app.run_as})
            </button>
            <button type="button" class="btn btn-danger" data-testid="setup-remove" disabled={s.busy !== null} onClick={() => setRemoving(true)}>
              Remove it…
            </button>
          </div>
        </div>
      ) : null}
      {removing && s.halfDone ? (
        <ConfirmDialog
          title={`Remove ${s.halfDone.name}?`}
          confirmLabel="Remove"
          danger
          onConfirm={() => {
            setRemoving(false);
            void s.remove();
          }}
          onCancel={() => setRemoving(false)}
        >
          <p>These components are deleted from the org: {s.halfDone.exists.join(", ")}.</p>
        </ConfirmDialog>
      ) : null}
      {s.removed ? (
        <p class="hint" role="status" data-testid="setup-removed">
          Removed: {s.removed.join(", ")}.
        </p>
      ) : null}

      {s.outcome ? (
        <div class="notice" role="status" data-testid="setup-done">
          <p>
            <strong>{s.outcome.created.name}</strong> is made. Its consumer key is in this profile
            {s.outcome.secret_stored ? ", its secret in the system keychain; the test runs now." : "."}
          </p>
          {s.outcome.secret_note ? <p data-testid="setup-secret-note">{s.outcome.secret_note}</p> : null}
          {!s.outcome.secret_stored ? (
            <button type="button" class="btn btn-small" data-testid="setup-open-app" onClick={() => link.open(s.outcome?.created.setup_url ?? "")}>
              Open External Client App Manager
            </button>
          ) : null}
          <LinkNotice link={link} />
        </div>
      ) : null}
    </section>
  );
}
