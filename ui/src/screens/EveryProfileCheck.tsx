// "Check every profile": production and its sandboxes in one go (an ECA is not copied into a
// refreshed sandbox, a classic surprise). The engine runs them a few at a time; this shows one
// line each, and each profile's badge in the list updates too.

import { useEveryProfileCheck } from "../hooks/useEveryProfileCheck";
import { useProfiles } from "../hooks/useProfiles";
import { isPractice } from "../lib/profile";
import { Icon } from "../parts/Icon";

type Props = {
  /** How many profiles will be checked (the practice one is not). */
  count: number;
  /** After a run: the list reloads its badges. */
  /** Called when the check has finished (the profile list updates itself from Rust's event). */
  onDone?: () => void;
  onOpen: (id: string) => void;
};

/** The screen, counting the profiles it checks (the practice one is not). */
export function EveryProfileCheckScreen() {
  const profiles = useProfiles();
  const count = (profiles.profiles ?? []).filter((v) => !isPractice(v.profile)).length;
  return (
    <EveryProfileCheck
      count={count}
      onOpen={(id) => profiles.select({ kind: "profile", id }, "test")}
    />
  );
}

export function EveryProfileCheck({ count, onDone, onOpen }: Props) {
  const { rows, running, error, start, cancel } = useEveryProfileCheck(onDone);

  const failed = rows?.filter((r) => !r.ok).length ?? 0;
  return (
    <section class="card every-check" aria-labelledby="every-check-title" data-testid="every-check">
      <div class="check-toolbar">
        <h1 id="every-check-title">Check every profile</h1>
        {running ? (
          <button type="button" class="btn" data-testid="every-check-cancel" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" class="btn btn-primary" data-testid="every-check-again" onClick={() => void start()}>
            Check again
          </button>
        )}
      </div>
      <p class="muted">
        Production and its sandboxes: an External Client App is not copied into a refreshed sandbox, so
        each org needs its own.
      </p>
      <p role="status" data-testid="every-check-status">
        {running
          ? `Checking ${count} ${count === 1 ? "profile" : "profiles"}, a few at a time…`
          : error
            ? ""
            : rows
              ? failed === 0
                ? `All ${rows.length} passed.`
                : `${failed} of ${rows.length} did not pass.`
              : ""}
      </p>
      {error ? (
        <p class="hint hint-error" role="alert" data-testid="every-check-error">
          {error}
        </p>
      ) : null}
      {rows && rows.length > 0 ? (
        <table class="every-table" data-testid="every-check-table">
          <thead>
            <tr>
              <th scope="col">Profile</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid={`every-row-${row.id}`} data-ok={String(row.ok)}>
                <th scope="row">
                  <button type="button" class="link" onClick={() => onOpen(row.id)}>
                    {row.name}
                  </button>
                </th>
                <td>
                  <Icon name={row.ok ? "passed" : "failed"} class={row.ok ? "every-ok" : "every-failed"} />
                  <span class="sr-only">{row.ok ? "Passed: " : "Did not pass: "}</span>
                  {row.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
