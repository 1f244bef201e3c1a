// Rotate credentials: stage a new key and secret, check both pairs, switch, prove the old one
// is refused.
import { useState } from "preact/hooks";
import { useExternalLink } from "../hooks/useExternalLink";
import { useRotation } from "../hooks/useRotation";
import type { ProfileView } from "../ipc/bindings";
import { isPractice } from "../lib/profile";
import { LinkNotice } from "./LinkNotice";
import { RotateForMe } from "./RotateForMe";

interface Props {
  view: ProfileView;
  onSaved: (view: ProfileView) => void;
}

/**
 * Rotate the consumer key and secret without a gap: stage new ones in Setup, check both pairs,
 * switch, and once the rotation is completed in Setup, prove the old pair is refused.
 */
export function RotateCredentials({ view, onSaved }: Props) {
  const p = view.profile;
  const practice = isPractice(p);
  const link = useExternalLink();
  const [open, setOpen] = useState(p.rotation.staged_client_id !== "" || p.rotation.previous_client_id !== "");
  const { key, setKey, secret, setSecret, busy, lines, error, setupUrl, stage, checkBoth, switchNow, checkOld } =
    useRotation(view, onSaved);

  const staged = p.rotation.staged_client_id !== "";
  const previous = p.rotation.previous_client_id !== "";
  return (
    <section class="card rotate" data-testid="rotate" aria-labelledby="rotate-title">
      <div class="inspect-head">
        <h2 id="rotate-title">Rotate credentials</h2>
        <button type="button" class="btn btn-small" aria-expanded={open} data-testid="rotate-toggle" onClick={() => setOpen(!open)}>
          {open ? "Hide" : "Rotate…"}
        </button>
      </div>
      {open ? (
        <>
          <RotateForMe view={view} onSaved={onSaved} />
          {practice ? null : (
            <>
          <h3>Or rotate by hand, in Setup</h3>
          <ol class="rotate-steps">
            <li>
              <strong>Stage new credentials in Setup.</strong> External Client App Manager → the app → Settings →
              OAuth Settings → Consumer Key and Secret → <em>Stage New Consumer Details</em>.{" "}
              {setupUrl ? (
                <button type="button" class="link" data-testid="rotate-open-setup" onClick={() => link.open(setupUrl)}>
                  Open External Client App Manager
                </button>
              ) : null}
              <LinkNotice link={link} />
            </li>
            <li>
              <strong>Paste the staged key and secret.</strong>
              <div class="field">
                <label for="rotate-key">Staged consumer key</label>
                <input id="rotate-key" data-testid="rotate-key" value={key} autoComplete="off" spellcheck={false} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
              </div>
              <div class="field">
                <label for="rotate-secret">Staged consumer secret</label>
                <input id="rotate-secret" type="password" data-testid="rotate-secret" value={secret} autoComplete="off" onInput={(e) => setSecret((e.target as HTMLInputElement).value)} />
              </div>
              <button type="button" class="btn" data-testid="rotate-stage" disabled={busy !== null || key.trim() === "" || secret.trim() === ""} onClick={() => void stage()}>
                Save the staged credentials
              </button>
              {staged ? <p class="hint">Staged: <code>{p.rotation.staged_client_id.slice(0, 12)}…</code></p> : null}
            </li>
            <li>
              <strong>Check both pairs</strong> while the current one still works.{" "}
              <button type="button" class="btn" data-testid="rotate-check" disabled={busy !== null || !staged} onClick={() => void checkBoth()}>
                {busy === "check" ? "Checking…" : "Check both"}
              </button>
            </li>
            <li>
              <strong>Switch this profile to the staged pair</strong> (the old secret is kept until the last step).{" "}
              <button type="button" class="btn" data-testid="rotate-switch" disabled={busy !== null || !staged} onClick={() => void switchNow()}>
                Switch
              </button>
            </li>
            <li>
              <strong>After you complete the rotation in Setup</strong>, check that the old pair is refused; it is
              then forgotten.{" "}
              <button type="button" class="btn" data-testid="rotate-check-old" disabled={busy !== null || !previous} onClick={() => void checkOld()}>
                {busy === "old" ? "Checking…" : "Check the old pair is refused"}
              </button>
            </li>
          </ol>
            </>
          )}
          <ul class="rotate-results" aria-live="polite" data-testid="rotate-results">
            {lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are only appended
              <li key={i} class={l.ok ? "hint-ok" : "hint-error"} data-ok={l.ok ? "true" : "false"}>
                {l.ok ? "✔ " : "✘ "}
                {l.text}
              </li>
            ))}
          </ul>
          {error ? (
            <p class="hint hint-error" role="alert" data-testid="rotate-error">
              {error}
            </p>
          ) : null}
        </>
      ) : (
        <p class="hint">Replace the key and secret on a schedule, with a check at each step and no gap.</p>
      )}
    </section>
  );
}
