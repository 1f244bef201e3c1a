// The admin's sign-in for anything read or changed with the admin's own login: a Salesforce CLI
// alias or a pasted access token, or the login kept from before.
import type { AdminLoginForm } from "../hooks/useAdminLogin";
import type { AdminLoginInput } from "../ipc/bindings";

interface Props {
  login: AdminLoginForm;
  /** The org's host, for the hints (`sf org login web --instance-url …`). */
  host: string;
  /** What the button does, e.g. "Read the app's settings". */
  action: string;
  busy: boolean;
  /** Test ids and element ids start with it (e.g. "inspect"). */
  idPrefix: string;
  onSubmit: (login: AdminLoginInput) => void;
}

/**
 * The sign-in form (or the kept login with its one button). The practice org needs none: its
 * admin is let in at once, so this renders only the hint and the button.
 */
export function AdminSignIn({ login, host, action, busy, idPrefix: id, onSubmit }: Props) {
  if (login.practice) {
    return (
      <div class="row" data-testid={`${id}-practice`}>
        <p class="hint">The practice org lets you in as its admin.</p>
        <button
          type="button"
          class="btn btn-primary btn-small"
          data-testid={`${id}-read`}
          disabled={busy}
          onClick={() => onSubmit({ source: "practice" })}
        >
          {action}
        </button>
      </div>
    );
  }
  if (login.kept) {
    return (
      <div class="row" data-testid={`${id}-kept`}>
        <p class="hint">
          Using your login to <strong>{login.kept.host}</strong>
          {login.kept.username ? ` (${login.kept.username})` : ""}, kept until ECA Preflight closes.
        </p>
        <button
          type="button"
          class="btn btn-primary btn-small"
          data-testid={`${id}-read`}
          disabled={busy}
          onClick={() => onSubmit({ source: "kept" })}
        >
          {action}
        </button>
        <button type="button" class="link" data-testid={`${id}-forget`} onClick={() => void login.forget()}>
          Forget this login
        </button>
      </div>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    onSubmit(login.input());
  };
  return (
    <form class="inspect-login" onSubmit={submit} data-testid={`${id}-login`}>
      <fieldset class="segmented" aria-label="Admin login">
        <label class={login.source === "salesforce_cli" ? "is-on" : ""}>
          <input
            type="radio"
            name={`${id}-admin-login`}
            checked={login.source === "salesforce_cli"}
            data-testid={`${id}-source-cli`}
            onChange={() => login.pick("salesforce_cli")}
          />
          Salesforce CLI
        </label>
        <label class={login.source === "pasted" ? "is-on" : ""}>
          <input
            type="radio"
            name={`${id}-admin-login`}
            checked={login.source === "pasted"}
            data-testid={`${id}-source-token`}
            onChange={() => login.pick("pasted")}
          />
          Access token
        </label>
      </fieldset>
      {login.source === "salesforce_cli" ? (
        <div class="field">
          <label for={`${id}-alias`}>Alias or username of your Salesforce CLI login</label>
          <input
            id={`${id}-alias`}
            data-testid={`${id}-alias`}
            value={login.alias}
            placeholder="my-org"
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => login.setAlias((e.target as HTMLInputElement).value)}
          />
          <p class="hint">
            Runs <code>sf org display</code> (for the org's address) and{" "}
            <code>sf org auth show-access-token --target-org {login.alias.trim() || "ALIAS"} --json</code> (for
            the token) on this computer. Not logged in yet?{" "}
            <code>sf org login web --alias my-org --instance-url https://{host}</code>
          </p>
        </div>
      ) : (
        <div class="field">
          <label for={`${id}-token`}>Admin access token for {host}</label>
          <input
            id={`${id}-token`}
            type="password"
            data-testid={`${id}-token`}
            value={login.token}
            autoComplete="off"
            onInput={(e) => login.setToken((e.target as HTMLInputElement).value)}
          />
          <p class="hint">
            For example the <code>accessToken</code> that{" "}
            <code>sf org auth show-access-token --target-org ALIAS --json</code> prints.{" "}
            <code>sf org display</code> shows only <code>[REDACTED]</code> in its place since Salesforce CLI
            2.136.8.
          </p>
        </div>
      )}
      <div class="field-check">
        <input
          id={`${id}-keep`}
          type="checkbox"
          checked={login.keep}
          data-testid={`${id}-keep`}
          onChange={(e) => login.setKeep((e.target as HTMLInputElement).checked)}
        />
        <label for={`${id}-keep`}>Keep this login until ECA Preflight closes</label>
      </div>
      <button type="submit" class="btn btn-primary" data-testid={`${id}-read`} disabled={busy}>
        {action}
      </button>
    </form>
  );
}
