// About ECA Preflight (a dialog): the version and build, the project's links, the log folder,
// and "Check for updates".
import { useRef } from "preact/hooks";
import { useAbout } from "../hooks/useAbout";
import { useModal } from "../lib/modal";

interface Props {
  onClose: () => void;
}

/**
 * About ECA Preflight: version and build, the project's links, the log folder, and "Check for
 * updates" (only when asked; an administrator can turn it off). A modal: Escape closes it, Tab
 * stays inside, focus returns to what opened it.
 */
export function About({ onClose }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const { info, updates, problem, open, check, install } = useAbout();

  const onKeyDown = useModal(box, close, onClose);

  const off = info?.updates.state === "off" ? info.updates.reason : null;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the dialog closes it; Escape is the keyboard's way
    <div class="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        class="dialog about"
        role="dialog"
        aria-modal="true"
        aria-labelledby="about-title"
        data-testid="about"
        onKeyDown={onKeyDown}
      >
        <h2 id="about-title">About ECA Preflight</h2>
        <dl class="about-facts">
          <dt>Version</dt>
          <dd data-testid="about-version">{info?.version ?? "…"}</dd>
          <dt>Build</dt>
          <dd class="mono">{info?.build ?? "…"}</dd>
          <dt>Logs</dt>
          <dd class="mono" data-testid="about-log-folder">
            {info ? (info.log_folder ?? "Not written on this computer") : "…"}
          </dd>
        </dl>
        <div class="about-links">
          <button type="button" class="btn btn-small" onClick={() => open("homepage")}>
            Project page
          </button>
          <button type="button" class="btn btn-small" onClick={() => open("issues")}>
            Report a problem
          </button>
          <button
            type="button"
            class="btn btn-small"
            data-testid="about-open-logs"
            disabled={!info?.log_folder}
            onClick={() => open("log_folder")}
          >
            Open log folder
          </button>
        </div>

        <section class="about-updates" aria-labelledby="about-updates-title">
          <h3 id="about-updates-title">Updates</h3>
          {off ? (
            <p class="muted" data-testid="updates-off">
              Checking for updates is off. {off}
            </p>
          ) : (
            <>
              <p class="muted">ECA Preflight looks for a new version only when you ask it to.</p>
              <button
                type="button"
                class="btn"
                data-testid="check-updates"
                disabled={!info || updates.kind === "checking" || updates.kind === "installing"}
                onClick={() => void check()}
              >
                {updates.kind === "checking" ? "Checking…" : "Check for updates"}
              </button>
            </>
          )}
          <div role="status" data-testid="updates-result">
            {updates.kind === "found" && updates.check.kind === "up_to_date" ? (
              <p>ECA Preflight {updates.check.version} is the newest version.</p>
            ) : null}
            {updates.kind === "found" && updates.check.kind === "off" ? <p>{updates.check.reason}</p> : null}
            {updates.kind === "found" && updates.check.kind === "available" ? (
              <div>
                <p>
                  Version {updates.check.version} is available
                  {updates.check.date ? ` (released ${updates.check.date})` : ""}.
                </p>
                {updates.check.notes ? <p class="about-notes">{updates.check.notes}</p> : null}
                <button type="button" class="btn btn-primary" data-testid="install-update" onClick={() => void install()}>
                  Install and restart
                </button>
                <button type="button" class="btn" onClick={() => open("releases")}>
                  See the release
                </button>
              </div>
            ) : null}
            {updates.kind === "installing" ? <p>Downloading and installing… ECA Preflight restarts when it is done.</p> : null}
            {updates.kind === "error" ? (
              <div>
                <p class="hint hint-error" role="alert" data-testid="updates-error">
                  {updates.message}
                </p>
                {/* Every version can still be had by hand. */}
                <button type="button" class="btn" data-testid="updates-releases" onClick={() => open("releases")}>
                  Open the releases page
                </button>
              </div>
            ) : null}
          </div>
        </section>

        {problem ? (
          <p class="hint hint-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div class="dialog-actions">
          <button ref={close} type="button" class="btn" data-testid="about-close" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
