// "Rotate for me": the key and secret replaced through Salesforce's staged credentials with the
// admin's login — staged, proven with a real token and an API call, promoted — and the old pair
// kept until it expires (30 days) or the admin deletes it.
import { useState } from "preact/hooks";
import { useRotateForMe } from "../hooks/useRotateForMe";
import type { AdminLoginInput, ProfileView } from "../ipc/bindings";
import type { ChangeRow } from "../lib/change";
import { AdminSignIn } from "./AdminSignIn";
import { ChangeSheet } from "./ChangeSheet";
import { ConfirmDialog } from "./ConfirmDialog";

interface Props {
  view: ProfileView;
  onSaved: (view: ProfileView) => void;
}

function rows(view: ProfileView): ChangeRow[] {
  const key = view.profile.client_id;
  return [
    {
      where: "The app's consumer key and secret",
      setting: "consumer key",
      before: key ? `${key.slice(0, 12)}…` : null,
      after: "a new key Salesforce makes, proven before it is used",
    },
    {
      where: "The app's consumer key and secret",
      setting: "consumer secret",
      before: view.secret.stored ? "in the system keychain" : null,
      after: "a new secret, into the system keychain",
    },
    {
      where: "The old pair",
      setting: "old key and secret",
      before: "in use",
      after: "keeps working 30 days (or until you delete it), then stops",
    },
  ];
}

export function RotateForMe({ view, onSaved }: Props) {
  const r = useRotateForMe(view, onSaved);
  const [deleting, setDeleting] = useState<AdminLoginInput | null>(null);
  const p = view.profile;
  const host = p.target.kind === "org" ? p.target.domain : "the practice org";
  const oldPair = p.rotation.previous_client_id !== "" && p.rotation.old_pair_expires_at !== null;
  return (
    <div class="rotate-for-me" data-testid="rotate-for-me" aria-busy={r.busy !== null}>
      <h3>Rotate for me</h3>
      <p class="hint">
        With your admin login, Salesforce stages a new key and secret; ECA Preflight proves them with a real token and
        an API call, and only then makes them the app's own. The old pair keeps working 30 days, so your integration
        can switch without a gap.
      </p>
      <AdminSignIn
        login={r.login}
        host={host}
        action="Rotate the key and secret…"
        busy={r.busy !== null}
        idPrefix="rotate-admin"
        onSubmit={r.ask}
      />
      {r.pending ? (
        <ChangeSheet
          title="Rotate this app's key and secret?"
          rows={rows(view)}
          confirmLabel="Rotate"
          onConfirm={() => r.pending && void r.rotate(r.pending)}
          onCancel={r.cancel}
        >
          <p>
            In <strong>{host}</strong>, through Salesforce's staged credentials. Nothing is promoted unless the new
            pair works.
          </p>
        </ChangeSheet>
      ) : null}
      {r.progress ? (
        <p class="hint" role="status" data-testid="rotate-progress">
          {r.progress}
        </p>
      ) : null}
      {r.stagedExists ? (
        <div class="notice" role="alert" data-testid="rotate-staged-exists">
          <p>{r.stagedExists}</p>
          <div class="row">
            <button type="button" class="btn" data-testid="rotate-use-staged" disabled={r.busy !== null} onClick={() => r.session && void r.rotate(r.session, "use")}>
              Use it
            </button>
            <button type="button" class="btn" data-testid="rotate-replace-staged" disabled={r.busy !== null} onClick={() => r.session && void r.rotate(r.session, "delete")}>
              Delete it and stage a new one
            </button>
          </div>
        </div>
      ) : null}
      {r.login.error ? (
        <p class="hint hint-error" role="alert" data-testid="rotate-for-me-error">
          {r.login.error}
        </p>
      ) : null}
      {r.done ? (
        <p class="hint hint-ok" role="status" data-testid="rotate-done">
          {r.done}
        </p>
      ) : null}
      {oldPair ? (
        <div class="old-pair" data-testid="rotate-old-pair">
          <p>
            Old pair <code>{p.rotation.previous_client_id.slice(0, 12)}…</code>: {view.old_pair_note}.
          </p>
          <button
            type="button"
            class="btn btn-danger btn-small"
            data-testid="rotate-delete-old"
            disabled={r.busy !== null}
            onClick={() => setDeleting(r.session ?? r.login.input())}
          >
            Delete the old pair now…
          </button>
        </div>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title="Delete the old key and secret?"
          confirmLabel="Delete the old pair"
          danger
          onConfirm={() => {
            setDeleting(null);
            void r.finish();
          }}
          onCancel={() => setDeleting(null)}
        >
          <p>Salesforce refuses the old pair at once: anything still using it stops working.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
