// The Connection test card: "Test connection" (or Cancel), the result line, each step as it
// runs, and who the app runs as in the org.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { CheckRunControls, Retry } from "../hooks/useCheckRun";
import type { CheckReport, LastResult, ProfileView, StepResult } from "../ipc/bindings";
import { DIAGNOSIS_TITLES } from "../ipc/bindings";
import { lastOutcome } from "../lib/profile";
import { formatMs, pendingSteps, STATUS_TEXT, STEP_LABELS } from "../lib/steps";
import { Icon } from "./Icon";

interface Props {
  view: ProfileView;
  run: CheckRunControls;
  onRun: () => void;
  /** Why the test cannot start now (no secret, another profile running…); null when it can. */
  blockedReason: string | null;
}

export function CheckRun({ view, run, onRun, blockedReason }: Props) {
  const { state } = run;
  const mine = state.profileId === view.profile.id;
  const running = mine && state.running;
  const otherRunning = state.running && !mine;
  // The steps of the run shown; a result from elsewhere ("Check every profile", an earlier
  // launch) has none to show, and a list of "Waiting" under it would contradict it.
  const steps = mine ? state.steps : view.profile.last_result ? null : pendingSteps();
  const report = mine ? state.report : null;
  // Changed since the shown result: the key, the secret, the object…
  const stale = report !== null && !running && state.inputs !== null && state.inputs !== view.run_inputs;
  const blocked = otherRunning
    ? "Another profile's test is running. Wait for it to finish or cancel it there."
    : blockedReason;

  // The run button is disabled while a run goes: its focus moves to Cancel, and back after.
  const wasRunning = useRef(false);
  useEffect(() => {
    const active = document.activeElement;
    const lost = active === null || active === document.body;
    const onRunButton = active instanceof HTMLElement && active.dataset.testid === "run-check";
    if (running && (onRunButton || lost)) {
      document.querySelector<HTMLButtonElement>('[data-testid="cancel-check"]')?.focus();
    } else if (!running && wasRunning.current && lost) {
      // Cancel went with the run (a failure's diagnosis takes the focus itself).
      document.querySelector<HTMLButtonElement>('[data-testid="run-check"]')?.focus();
    }
    wasRunning.current = running;
  }, [running]);

  return (
    <section class="card check" aria-labelledby="check-title">
      <div class="check-toolbar">
        <h2 id="check-title">Connection test</h2>
        <div class="toolbar-actions">
          {running ? (
            <button
              type="button"
              class="btn"
              data-testid="cancel-check"
              disabled={state.cancelling}
              onClick={() => void run.cancel()}
            >
              {state.cancelling ? "Cancelling…" : "Cancel"}
            </button>
          ) : null}
          <button
            type="button"
            class="btn btn-primary"
            data-testid="run-check"
            disabled={state.running || blocked !== null}
            aria-describedby={blocked ? "run-blocked" : undefined}
            onClick={() => onRun()}
          >
            {running ? "Testing…" : stale ? "Test again with the new settings" : "Test connection"}
          </button>
        </div>
      </div>
      {blocked && !running ? (
        <p id="run-blocked" class="hint hint-warn" data-testid="run-blocked">
          {blocked}
        </p>
      ) : null}

      <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="run-announcer">
        {mine ? state.announcement : ""}
      </div>

      <ResultHeader view={view} running={running} report={report} error={mine ? state.error : null} />
      {stale ? (
        <p class="hint hint-warn" role="status" data-testid="result-stale">
          Out of date: this profile's settings changed after this test (its result below is for the old
          ones). Test again to check the new settings.
        </p>
      ) : null}
      {mine && state.retry ? <RetryCountdown retry={state.retry} /> : null}

      {steps ? (
        <ol class="steps" aria-label="Test steps" data-testid="step-list">
          {steps.map((s) => (
            <StepRow key={s.id} step={s} />
          ))}
        </ol>
      ) : null}

      {report ? <RunSummary report={report} /> : null}
    </section>
  );
}

function ResultHeader({
  view,
  running,
  report,
  error,
}: {
  view: ProfileView;
  running: boolean;
  report: CheckReport | null;
  error: { message: string } | null;
}) {
  // One slot of fixed height, so the list below never moves while the run goes.
  let body: ComponentChildren;
  if (running) {
    body = <p class="result-text">Testing… each step appears below as it runs.</p>;
  } else if (report) {
    const failed = report.steps.find((s) => s.status === "failed");
    const text = report.cancelled
      ? "You cancelled the test."
      : report.ok
        ? "This External Client App works."
        : `The test stopped at “${failed ? STEP_LABELS[failed.id] : "a step"}”.`;
    const extra = report.cancelled
      ? report.record?.created
        ? report.record.deleted
          ? " The test record was deleted."
          : " The test record could not be deleted: see below."
        : ""
      : report.ok
        ? report.warnings.length > 0
          ? ` Passed with ${report.warnings.length} warning${report.warnings.length > 1 ? "s" : ""}.`
          : report.token_kept
            ? " Every check passed. The token was kept, not revoked: see the last step."
            : " Every step passed."
        : " See what to fix below.";
    body = (
      <p
        class={`result-text ${report.ok ? "is-ok" : report.cancelled ? "is-cancelled" : "is-failed"}`}
        data-testid="run-result"
        data-ok={report.ok ? "true" : "false"}
        data-cancelled={report.cancelled ? "true" : "false"}
      >
        <Icon name={report.ok ? "passed" : report.cancelled ? "skipped" : "failed"} />
        <strong>{text}</strong>
        <span>{extra}</span>
        <span class="muted"> {formatMs(report.total_ms)} in all.</span>
      </p>
    );
  } else if (error) {
    body = (
      <p class="result-text is-failed" data-testid="run-result" data-ok="false" role="alert">
        <Icon name="failed" />
        <strong>The test could not run.</strong> <span>{error.message}</span>
      </p>
    );
  } else {
    const last = view.profile.last_result;
    body = (
      <p class="result-text muted">
        {last
          ? `Last test ${formatWhen(last.at)}: ${lastText(last)}.`
          : "Not tested yet. “Test connection” runs every check, from the token to a test record."}
      </p>
    );
  }
  return <div class="result-slot">{body}</div>;
}

function lastText(last: LastResult): string {
  const outcome = lastOutcome(last);
  if (outcome !== "failed") return outcome;
  return `failed${last.code ? `: ${DIAGNOSIS_TITLES[last.code]}` : ""}`;
}

function formatWhen(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString();
}

function StepRow({ step }: { step: StepResult }) {
  const label = STEP_LABELS[step.id] ?? step.id;
  return (
    <li
      class={`step is-${step.status}`}
      data-testid={`step-${step.id}`}
      data-status={step.status}
    >
      <Icon name={step.status} class={step.status === "running" ? "spin" : ""} />
      <span class="step-label">{label}</span>
      <span class="step-summary">
        {step.warning ? <Icon name="warning" class="warn-icon" /> : null}
        {step.summary ?? ""}
      </span>
      <span class="step-status">{STATUS_TEXT[step.status]}</span>
      <span class="step-ms">{formatMs(step.ms)}</span>
    </li>
  );
}

function RunSummary({ report }: { report: CheckReport }) {
  const { identity, org } = report;
  if (!identity && !org && report.warnings.length === 0) return null;
  const usage = org?.api_usage;
  return (
    <div class="summary" data-testid="run-summary">
      {identity ? (
        <section aria-labelledby="who-title">
          <h3 id="who-title">Run As user</h3>
          <dl class="facts">
            <dt>Username</dt>
            <dd class="mono" data-testid="identity-username">
              {identity.username ?? "Not visible (add the openid scope to the app to see it)"}
            </dd>
            {identity.display_name ? (
              <>
                <dt>Name</dt>
                <dd>{identity.display_name}</dd>
              </>
            ) : null}
            <dt>User ID</dt>
            <dd class="mono">{identity.user_id}</dd>
            <dt>Org ID</dt>
            <dd class="mono" data-testid="identity-org">
              {identity.org_id}
            </dd>
            <dt>Integration user</dt>
            <dd data-testid="identity-integration">
              {identity.is_integration_user === null
                ? "Unknown"
                : identity.is_integration_user
                  ? "Yes (Salesforce Integration license)"
                  : "No: Salesforce recommends a Salesforce Integration user for this flow"}
            </dd>
          </dl>
        </section>
      ) : null}
      {org ? (
        <section aria-labelledby="org-title">
          <h3 id="org-title">Org and token</h3>
          <dl class="facts">
            <dt>Host</dt>
            <dd class="mono">{org.host}</dd>
            <dt>API version</dt>
            <dd data-testid="api-version">
              {org.api_version
                ? `v${org.api_version}${org.api_release ? ` (${org.api_release})` : ""}`
                : "Unknown"}
              {org.api_version && org.latest_api_version && org.latest_api_version !== org.api_version
                ? ` — as the profile asks; the org's newest is v${org.latest_api_version}`
                : ""}
            </dd>
            <dt>API usage</dt>
            <dd data-testid="api-usage">
              {usage ? (
                <span class="usage">
                  <meter min={0} max={usage.max} value={usage.used} high={usage.max * 0.8}>
                    {usage.used} of {usage.max}
                  </meter>
                  {usage.used.toLocaleString()} of {usage.max.toLocaleString()} API requests in
                  the last 24 hours
                </span>
              ) : (
                "Not reported"
              )}
            </dd>
            <dt>Scopes</dt>
            <dd data-testid="scopes">
              {org.scopes && org.scopes.length > 0 ? (
                <ul class="chips">
                  {org.scopes.map((s) => (
                    <li key={s} class="chip mono">
                      {s}
                    </li>
                  ))}
                </ul>
              ) : (
                "Not named in the token response"
              )}
            </dd>
            {org.token_type ? (
              <>
                <dt>Token type</dt>
                <dd>{org.token_type}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
      {report.warnings.length > 0 ? (
        <section aria-labelledby="warn-title" class="warnings">
          <h3 id="warn-title">Worth a look</h3>
          <ul>
            {report.warnings.map((w) => (
              <li key={w.code} data-testid={`warning-${w.code}`}>
                <Icon name="warning" class="warn-icon" />
                <strong>{w.title}</strong> {w.detail}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Keep trying: the pause before the next attempt, counting down each second. */
function RetryCountdown({ retry }: { retry: Retry }) {
  const [now, setNow] = useState(Date.now());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pause (retry) restarts the second ticks
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retry]);
  const elapsed = Math.floor((now - retry.since) / 1000);
  const next = Math.max(0, retry.pauseS - elapsed);
  const minutes = Math.max(1, Math.ceil((retry.leftS - elapsed) / 60));
  return (
    <p class="hint hint-warn" data-testid="retry-countdown">
      Salesforce may still be applying a recent change (<code>{retry.code}</code>; a new app or a
      changed policy takes up to 10 minutes). Attempt {retry.attempt} failed; trying again in{" "}
      <span data-testid="retry-seconds">{next}</span> s, for up to {minutes} more{" "}
      {minutes === 1 ? "minute" : "minutes"}. Cancel stops.
    </p>
  );
}
