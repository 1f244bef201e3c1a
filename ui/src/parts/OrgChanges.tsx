// What this app (or its command line) changed in the org with an admin's login.
import { useOrgChanges } from "../hooks/useOrgChanges";
import type { ChangeKind, OrgChange } from "../ipc/bindings";

interface Props {
  profileId: string;
  /** Changes after a change is made, to look again. */
  refresh: unknown;
}

/** The newest changes shown; the rest are counted (all of them are in org-changes.json). */
const SHOWN = 10;

const WHAT: Record<ChangeKind, string> = {
  app_created: "created the app",
  app_half_created: "created the app without its policies (the second deploy was refused)",
  app_removed: "removed the app",
  fix_deployed: "changed the app's settings",
  credentials_staged: "made a new consumer key and secret",
  credentials_rotated: "switched the app to the new key and secret",
  old_pair_deleted: "deleted the old key and secret",
  staged_pair_deleted: "deleted a key and secret that were waiting to be switched to",
};

/** Which key a change names: the new one it made, the old one it deleted, or the app's. */
const KEY_WORD: Partial<Record<ChangeKind, string>> = {
  credentials_staged: "new key",
  credentials_rotated: "new key",
  old_pair_deleted: "old key",
};

function when(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString();
}

function Change({ change: c }: { change: OrgChange }) {
  return (
    <>
      <time dateTime={c.at}>{when(c.at)}</time> — <strong>{c.app}</strong>: {WHAT[c.what]}
      {c.client_id ? (
        <>
          {" "}
          ({KEY_WORD[c.what] ?? "key"} <code>{c.client_id.slice(0, 12)}…</code>)
        </>
      ) : null}
      {c.detail ? `: ${c.detail}` : null}
    </>
  );
}

/**
 * The org-changes ledger for this profile's org, newest first: apps made or removed, settings
 * fixed, keys rotated. Listed only; nothing here undoes a change.
 */
export function OrgChanges({ profileId, refresh }: Props) {
  const changes = useOrgChanges(profileId, refresh);
  if (changes.length === 0) return null;
  const shown = changes.slice(0, SHOWN);
  const more = changes.length - shown.length;
  return (
    <section class="card org-changes" data-testid="org-changes" aria-labelledby="org-changes-title">
      <h2 id="org-changes-title">Changes made in this org</h2>
      <p class="hint">Made with an admin's login by this app or its command line, newest first.</p>
      <ul>
        {shown.map((c) => (
          <li key={`${c.at}-${c.what}-${c.app}-${c.client_id ?? ""}`} data-testid="org-change">
            <Change change={c} />
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <p class="hint" data-testid="org-changes-more">
          And {more} earlier {more === 1 ? "change" : "changes"}, all listed in org-changes.json beside the app's profiles.
        </p>
      ) : null}
    </section>
  );
}
