// Test records an earlier run left in the org, with "Delete it now".
import { useLeftovers } from "../hooks/useLeftovers";
import type { Leftover } from "../ipc/bindings";

interface Props {
  profileId: string;
  /** Changes after each run, to look again. */
  refresh: unknown;
  disabled: boolean;
}

function when(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : d.toLocaleString();
}

function describe(l: Leftover): string {
  return l.record_id ? `${l.object} ${l.record_id}` : `${l.object} “${l.name_value ?? l.marker}”`;
}

/**
 * Test records an earlier run could not clean up (the app was closed or killed mid-run, the
 * network went away, the delete was refused), from the cleanup journal, with "Delete it now".
 */
export function Leftovers({ profileId, refresh, disabled }: Props) {
  const { left, busy, message, clean } = useLeftovers(profileId, refresh);

  if (left.length === 0 && !message) return null;
  return (
    <section class="card leftovers" data-testid="leftovers" aria-labelledby="leftovers-title">
      {left.length > 0 ? (
        <>
          <h2 id="leftovers-title">
            {left.length === 1 ? "A test record was left in your org" : `${left.length} test records were left in your org`}
          </h2>
          <ul>
            {left.map((l) => (
              <li key={l.marker} data-testid="leftover">
                From {when(l.started_at)} in {l.host}: {describe(l)}
              </li>
            ))}
          </ul>
          <p class="hint">
            A run was stopped before it could delete {left.length === 1 ? "it" : "them"} (the app closed, the
            network went away, or the delete was refused). Only records this app created are deleted.
          </p>
          <button type="button" class="btn btn-primary" data-testid="leftovers-delete" disabled={busy || disabled} onClick={() => void clean()}>
            {busy ? "Deleting…" : left.length === 1 ? "Delete it now" : "Delete them now"}
          </button>
        </>
      ) : (
        <h2 id="leftovers-title" class="sr-only">
          Test records
        </h2>
      )}
      {message ? (
        <p class={`hint ${message.error ? "hint-error" : "hint-ok"}`} role={message.error ? "alert" : "status"} data-testid="leftovers-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
