// "Find the exact setting": the admin's login, then the app's settings read from Setup as a
// checklist, each wrong one with its fix and Setup page.
import { useEffect, useRef, useState } from "preact/hooks";
import { useExternalLink } from "../hooks/useExternalLink";
import { useInspection } from "../hooks/useInspection";
import type {
  CheckStatus,
  Finding,
  Inspection,
  LoginHistory,
  ProfileView,
} from "../ipc/bindings";
import { AdminSignIn } from "./AdminSignIn";
import { FixInSalesforce } from "./FixInSalesforce";
import { Icon } from "./Icon";
import { LinkNotice } from "./LinkNotice";

interface Props {
  view: ProfileView;
  onClose: () => void;
}

const MARK: Record<CheckStatus, { icon: "passed" | "failed" | "warning" | "skipped"; text: string }> = {
  passed: { icon: "passed", text: "OK" },
  failed: { icon: "failed", text: "Wrong" },
  warning: { icon: "warning", text: "Warning" },
  not_read: { icon: "skipped", text: "Not read" },
};

/**
 * "Find the exact setting": the app's own settings read with the admin's login (read only), as a
 * checklist where each wrong setting says what was read, the fix, and opens its Setup page.
 */
export function Inspect({ view, onClose }: Props) {
  const profile = view.profile;
  const { login, busy, result, setResult, read, session } = useInspection(profile);
  // Once offered, "Fix in Salesforce" stays to say how its fix went (the new reading may be clean).
  const [fixOffered, setFixOffered] = useState(false);
  useEffect(() => {
    if (result?.findings.some((f) => f.severity === "error")) setFixOffered(true);
  }, [result]);
  const error = login.error;
  const heading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  // The panel comes into view with its title focused, for each profile shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per profile shown
  useEffect(() => {
    heading.current?.closest("section")?.scrollIntoView?.({ block: "start" });
    heading.current?.focus({ preventScroll: true });
  }, [profile.id]);

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  return (
    <section class="card inspect" data-testid="inspect" aria-labelledby="inspect-title" aria-busy={busy}>
      <div class="inspect-head">
        <h2 id="inspect-title" ref={heading} tabIndex={-1}>
          Find the exact setting
        </h2>
        <button type="button" class="btn btn-small" data-testid="inspect-close" onClick={onClose}>
          Close
        </button>
      </div>
      <p class="lead">
        Reads this app's settings in Setup with an admin's login — nothing is changed. The login
        needs the permission “View all External Client Apps, view their settings, and edit their
        policies”, and stays in this app's memory only.
      </p>

      <AdminSignIn
        login={login}
        host={orgHost(view)}
        action="Read the app's settings"
        busy={busy}
        idPrefix="inspect"
        onSubmit={(input) => void read(input)}
      />

      {busy ? (
        <p class="hint" role="status" data-testid="inspect-busy">
          Reading the app's settings…
        </p>
      ) : null}
      {error ? (
        <p class="hint hint-error" role="alert" data-testid="inspect-error">
          {error}
        </p>
      ) : null}
      {result && !busy ? <Checklist result={result} headingRef={resultHeading} /> : null}
      {result && !busy && (fixOffered || result.findings.some((f) => f.severity === "error")) ? (
        <FixInSalesforce view={view} session={session} inspection={result} onInspected={setResult} />
      ) : null}
    </section>
  );
}

function orgHost(view: ProfileView): string {
  const t = view.profile.target;
  return t.kind === "org" && t.domain.trim() !== "" ? t.domain : "the org";
}

function Checklist({
  result,
  headingRef,
}: {
  result: Inspection;
  headingRef: { current: HTMLHeadingElement | null };
}) {
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const byCode = new Map(result.findings.map((f) => [f.code, f]));
  const loose = result.findings.filter((f) => !result.checks.some((c) => c.finding === f.code));
  return (
    <div class="inspect-result" data-testid="inspect-result">
      <h3 ref={headingRef} tabIndex={-1} data-testid="inspect-summary">
        {errors === 0
          ? "Nothing is wrong with the app's settings"
          : errors === 1
            ? "1 setting to fix"
            : `${errors} settings to fix`}
        {result.app ? ` — ${result.app.label}` : ""}
      </h3>
      <ul class="checklist">
        {result.checks.map((c, i) => {
          const mark = MARK[c.status];
          const finding = c.finding ? byCode.get(c.finding) : undefined;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
            <li key={i} class={`inspect-item is-${c.status}`} data-testid="inspect-check" data-status={c.status}>
              <Icon name={mark.icon} />
              <div>
                <p class="inspect-item-label">
                  <span class="sr-only">{mark.text}: </span>
                  {c.label}
                </p>
                <p class="inspect-item-read">{c.read}</p>
                {finding ? <FindingBlock finding={finding} /> : null}
              </div>
            </li>
          );
        })}
      </ul>
      {loose.map((f) => (
        <div key={f.code} class="inspect-item is-failed">
          <Icon name="failed" />
          <div>
            <p class="inspect-item-label">{f.title}</p>
            <p class="inspect-item-read">{f.read}</p>
            <FindingBlock finding={f} />
          </div>
        </div>
      ))}
      <LoginHistoryList history={result.login_history} />
    </div>
  );
}

/** The Run As user's newest logins, in Salesforce's own words. */
function LoginHistoryList({ history }: { history: LoginHistory }) {
  return (
    <section class="login-history" aria-labelledby="login-history-heading" data-testid="inspect-login-history">
      <h4 id="login-history-heading">The Run As user's recent logins (Login History)</h4>
      {history.attempts.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Salesforce's status</th>
              <th scope="col">App</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {history.attempts.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
              <tr key={i} data-testid="inspect-login-attempt" class={a.status === "Success" ? "" : "is-failed"}>
                <td>{a.login_time.slice(0, 19).replace("T", " ")}</td>
                <td>{a.status}</td>
                <td>{a.application ?? ""}</td>
                <td>{a.source_ip ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {history.note ? <p class="hint">{history.note}</p> : null}
    </section>
  );
}

function FindingBlock({ finding: f }: { finding: Finding }) {
  const link = useExternalLink();
  return (
    <div class="finding" data-testid="inspect-finding" data-code={f.code}>
      <p class="finding-title">
        {f.title} <code>{f.code}</code>
      </p>
      <p>{f.fix}</p>
      {f.salesforce_says ? (
        <p class="finding-salesforce" data-testid="inspect-salesforce-says">
          <strong>Salesforce says:</strong> {f.salesforce_says}
        </p>
      ) : null}
      {f.setup_url ? (
        <button
          type="button"
          class="btn btn-small"
          data-testid="inspect-open-setup"
          onClick={() => link.open(f.setup_url as string)}
        >
          <Icon name="external" />
          <span>Open {f.setup_label ?? "this Setup page"}</span>
        </button>
      ) : null}
      <LinkNotice link={link} />
    </div>
  );
}
