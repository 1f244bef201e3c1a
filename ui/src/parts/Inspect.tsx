// "Find the exact setting": the admin's login, then the app's settings read from Setup as a
// checklist, each wrong one with its fix and Setup page.
import { useEffect, useRef } from "preact/hooks";
import { useExternalLink } from "../hooks/useExternalLink";
import { useInspection } from "../hooks/useInspection";
import type {
  CheckStatus,
  Finding,
  Inspection,
  LoginHistory,
  ProfileView,
} from "../ipc/bindings";
import { isPractice } from "../lib/profile";
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
  const practice = isPractice(profile);
  const { kept, source, alias, setAlias, token, setToken, keep, setKeep, busy, error, result, pick, submit, read, forget } =
    useInspection(profile);
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

      {practice ? (
        <p class="hint">The practice org lets you in as its admin.</p>
      ) : kept ? (
        <div class="row" data-testid="inspect-kept">
          <p class="hint">
            Using your login to <strong>{kept.host}</strong>
            {kept.username ? ` (${kept.username})` : ""}, kept until ECA Preflight closes.
          </p>
          <button
            type="button"
            class="btn btn-primary btn-small"
            data-testid="inspect-read"
            disabled={busy}
            onClick={() => void read({ source: "kept" })}
          >
            Read the app's settings
          </button>
          <button type="button" class="link" data-testid="inspect-forget" onClick={() => void forget()}>
            Forget this login
          </button>
        </div>
      ) : (
        <form class="inspect-login" onSubmit={submit} data-testid="inspect-login">
          <fieldset class="segmented" aria-label="Admin login">
            <label class={source === "salesforce_cli" ? "is-on" : ""}>
              <input
                type="radio"
                name="admin-login"
                checked={source === "salesforce_cli"}
                data-testid="inspect-source-cli"
                onChange={() => pick("salesforce_cli")}
              />
              Salesforce CLI
            </label>
            <label class={source === "pasted" ? "is-on" : ""}>
              <input
                type="radio"
                name="admin-login"
                checked={source === "pasted"}
                data-testid="inspect-source-token"
                onChange={() => pick("pasted")}
              />
              Access token
            </label>
          </fieldset>
          {source === "salesforce_cli" ? (
            <div class="field">
              <label for="inspect-alias">Alias or username of your Salesforce CLI login</label>
              <input
                id="inspect-alias"
                data-testid="inspect-alias"
                value={alias}
                placeholder="my-org"
                autoComplete="off"
                spellcheck={false}
                onInput={(e) => setAlias((e.target as HTMLInputElement).value)}
              />
              <p class="hint">
                Runs <code>sf org display</code> (for the org's address) and{" "}
                <code>sf org auth show-access-token --target-org {alias.trim() || "ALIAS"} --json</code>{" "}
                (for the token) on this computer. Not logged in yet?{" "}
                <code>sf org login web --alias my-org --instance-url https://{orgHost(view)}</code>
              </p>
            </div>
          ) : (
            <div class="field">
              <label for="inspect-token">Admin access token for {orgHost(view)}</label>
              <input
                id="inspect-token"
                type="password"
                data-testid="inspect-token"
                value={token}
                autoComplete="off"
                onInput={(e) => setToken((e.target as HTMLInputElement).value)}
              />
              <p class="hint">
                For example the <code>accessToken</code> that{" "}
                <code>sf org auth show-access-token --target-org ALIAS --json</code> prints.{" "}
                <code>sf org display</code> shows only <code>[REDACTED]</code> in its place since Salesforce
                CLI 2.136.8.
              </p>
            </div>
          )}
          <div class="field-check">
            <input
              id="inspect-keep"
              type="checkbox"
              checked={keep}
              data-testid="inspect-keep"
              onChange={(e) => setKeep((e.target as HTMLInputElement).checked)}
            />
            <label for="inspect-keep">Keep this login until ECA Preflight closes</label>
          </div>
          <button type="submit" class="btn btn-primary" data-testid="inspect-read" disabled={busy}>
            Read the app's settings
          </button>
        </form>
      )}

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
