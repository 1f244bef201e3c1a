// What failed and how to fix it: the title, likely cause, fix steps, the Setup page to open, and
// what Salesforce answered.
import { useEffect, useRef } from "preact/hooks";
import { useExternalLink } from "../hooks/useExternalLink";
import type { Diagnosis as DiagnosisData } from "../ipc/bindings";
import { INSPECT_CODES, KEEP_TRYING_CODES } from "../ipc/bindings";
import { STEP_LABELS } from "../lib/steps";
import { Icon } from "./Icon";
import { LinkNotice } from "./LinkNotice";

interface Props {
  diagnosis: DiagnosisData;
  onRunAgain: () => void;
  /** Offered for failures a recent change explains (a new app, a changed policy). */
  onKeepTrying?: () => void;
  /** Offered for failures whose cause is a setting an admin's login can read. */
  onInspect?: () => void;
  runDisabled: boolean;
  /** Take the focus (and so scroll into view) once: a run just failed. */
  focus?: boolean;
  onFocused?: () => void;
}

/** The catalog entry for a failure: what happened, why, how to fix it, where in Setup. */
export function Diagnosis({
  diagnosis: d,
  onRunAgain,
  onKeepTrying,
  onInspect,
  runDisabled,
  focus,
  onFocused,
}: Props) {
  const title = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus request is the trigger; onFocused is a new closure each render
  useEffect(() => {
    if (!focus) return;
    // The whole panel in view, not just its title peeking in at the bottom.
    title.current?.closest("section")?.scrollIntoView?.({ block: "start" });
    title.current?.focus({ preventScroll: true });
    onFocused?.();
  }, [focus]);

  const link = useExternalLink();
  const open = link.open;
  const raw = d.details;
  // A cancel is the admin's own doing: no red, no "how to fix".
  const cancelled = d.code === "cancelled";
  // Still a failure, but no setting is wrong (a maintenance window): said in words, next to
  // the title, and read out with it.
  const notConfig = d.configuration_problem === false;
  return (
    <section
      class={`card diagnosis${cancelled ? " is-cancelled" : ""}`}
      data-testid="diagnosis"
      aria-labelledby="diag-title"
    >
      <header class="diag-head">
        <Icon name={cancelled ? "skipped" : "failed"} class="diag-icon" />
        <div>
          <h2
            id="diag-title"
            ref={title}
            tabIndex={-1}
            aria-describedby={notConfig ? "diag-kind" : undefined}
          >
            {d.title}
          </h2>
          <p class="muted">
            {d.step ? `At “${STEP_LABELS[d.step] ?? d.step}” · ` : ""}
            code <code data-testid="diagnosis-code">{d.code}</code>
          </p>
          {notConfig ? (
            <p class="diag-kind" id="diag-kind" data-testid="diagnosis-not-config">
              <span class="badge badge-info">Not a configuration problem</span>{" "}
              Nothing in the app or in Setup needs to change.
            </p>
          ) : null}
        </div>
      </header>

      <h3>{cancelled ? "What happened" : "Likely cause"}</h3>
      <p data-testid="diagnosis-cause">{d.cause}</p>

      {d.fix.length > 0 ? (
        <>
          <h3>{cancelled ? "What next" : notConfig ? "What to do" : "How to fix it"}</h3>
          <ol class="fix-steps" data-testid="diagnosis-fix">
            {d.fix.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
              <li key={i}>{f}</li>
            ))}
          </ol>
        </>
      ) : null}

      <div class="diag-actions">
        {d.setup_url ? (
          <button
            type="button"
            class="btn btn-primary"
            data-testid="diagnosis-open-setup"
            onClick={() => open(d.setup_url as string)}
          >
            <Icon name="external" />
            <span>Open {d.setup_label ?? "this Setup page"}</span>
          </button>
        ) : null}
        <button
          type="button"
          class="btn"
          data-testid="run-again"
          disabled={runDisabled}
          onClick={onRunAgain}
        >
          Run again
        </button>
        {onKeepTrying && KEEP_TRYING_CODES.includes(d.code) ? (
          <button
            type="button"
            class="btn"
            data-testid="keep-trying"
            disabled={runDisabled}
            onClick={onKeepTrying}
          >
            Keep trying for up to 10 minutes
          </button>
        ) : null}
        {onInspect && INSPECT_CODES.includes(d.code) ? (
          <button type="button" class="btn" data-testid="inspect-open" onClick={onInspect}>
            Find the exact setting (uses your admin login)
          </button>
        ) : null}
        {d.doc_url ? (
          <button
            type="button"
            class="link"
            data-testid="diagnosis-doc"
            onClick={() => open(d.doc_url as string)}
          >
            {docLabel(d.doc_url)}
          </button>
        ) : null}
      </div>
      <LinkNotice link={link} />

      {raw ? (
        <details class="raw" data-testid="diagnosis-details">
          <summary>What Salesforce answered</summary>
          <dl class="facts">
            {raw.request ? (
              <>
                <dt>Request</dt>
                <dd class="mono">{raw.request}</dd>
              </>
            ) : null}
            <dt>Status</dt>
            <dd class="mono" data-testid="diagnosis-status">
              {raw.status ?? "None: no answer arrived"}
            </dd>
            {raw.content_type ? (
              <>
                <dt>Content type</dt>
                <dd class="mono">{raw.content_type}</dd>
              </>
            ) : null}
            <dt>Body</dt>
            <dd>
              <span class="muted">{bodyKindText(raw.body_kind)}</span>
            </dd>
          </dl>
          {raw.body ? (
            // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useAriaPropsSupportedByRole: a scrollable block takes the focus to scroll by keyboard, and is named for it
            <pre class="raw-body" data-testid="diagnosis-body" tabIndex={0} aria-label="Response body">
              {raw.body}
            </pre>
          ) : null}
          <p class="hint">Secrets and tokens are masked as ****.</p>
        </details>
      ) : null}
    </section>
  );
}

/** The doc link's words follow where it goes. */
function docLabel(url: string): string {
  if (url.includes("status.salesforce.com")) return "Check Salesforce's service status (Trust)";
  if (url.includes("developer.salesforce.com")) return "Read Salesforce's developer documentation";
  return "Read Salesforce's help on this";
}

function bodyKindText(kind: string): string {
  switch (kind) {
    case "json":
      return "JSON";
    case "html":
      return "An HTML page, not an API answer (often a login or maintenance page)";
    case "text":
      return "Plain text";
    case "truncated_json":
      return "JSON cut off before its end";
    case "empty":
      return "Empty";
    case "no_response":
      return "No response arrived";
    default:
      return kind;
  }
}
