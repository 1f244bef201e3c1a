// The Connection tab's form: name, My Domain, consumer key and secret, API version, object,
// proxy and extra CA certificate, with Save.
import { useEffect, useRef } from "preact/hooks";
import { useConnectionForm } from "../hooks/useConnectionForm";
import { useProxyNeedsPassword } from "../hooks/useProxyNeedsPassword";
import type { ProfileView } from "../ipc/bindings";
import { isPractice } from "../lib/profile";
import { DomainHint } from "./DomainHint";
import { SecretField } from "./SecretField";

interface Props {
  /** The profile as Rust last returned it (`draft` until its first save). */
  view: ProfileView;
  /** Called with Rust's answer after every save (the first save of a draft gives it its id). */
  onSaved: (view: ProfileView) => void;
  onOpenGuide: () => void;
  /** Whether the form holds edits that are not saved (a test runs with the saved settings). */
  onDirty?: (dirty: boolean) => void;
}

export function ConnectionForm({ view, onSaved, onOpenGuide, onDirty }: Props) {
  const {
    form, dirty, set, secret, setSecret, proxyPassword, setProxyPassword, busy, error, saved,
    domainRefused, setDomainRefused, onSubmit, onSaveSecret, onSaveProxyPassword,
    onForgetProxyPassword, chooseCaFile, onForgetSecret,
  } = useConnectionForm(view, onSaved, onDirty);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const proxyNeedsPassword = useProxyNeedsPassword(form.proxy, view);
  // A refused value is said where the admin is looking: the message comes into view.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [error]);

  if (isPractice(view.profile)) {
    return (
      <section class="card" aria-labelledby="conn-title">
        <h2 id="conn-title">Connection</h2>
        <p>
          This profile talks to the practice org built into ECA Preflight. It runs on this computer
          (on 127.0.0.1, started when you test) and needs no Salesforce account. Its consumer key
          and secret are made up each time it starts; the secret lives in memory only.
        </p>
      </section>
    );
  }

  const isDraft = view.draft;
  return (
    <form class="card form" aria-labelledby="conn-title" onSubmit={onSubmit} noValidate>
      <h2 id="conn-title">{isDraft ? "Connect your org" : "Connection"}</h2>
      <p class="lead">
        Enter what your External Client App shows in Setup.{" "}
        <button type="button" class="link" onClick={onOpenGuide}>
          Not created yet? Follow the setup guide.
        </button>
      </p>

      <div class="field">
        <label for="profile-name">Profile name</label>
        <input
          id="profile-name"
          data-testid="profile-name"
          value={form.name}
          placeholder="Acme production"
          aria-describedby="name-help"
          onInput={(e) => set("name", (e.target as HTMLInputElement).value)}
        />
        <p id="name-help" class="hint">
          Only for you, to tell your orgs apart.
        </p>
      </div>

      <div class="field">
        <label for="profile-domain">My Domain</label>
        <input
          id="profile-domain"
          data-testid="profile-domain"
          value={form.domain}
          placeholder="acme.my.salesforce.com"
          spellcheck={false}
          autocomplete="off"
          aria-describedby="domain-hint"
          aria-invalid={domainRefused ? "true" : undefined}
          onInput={(e) => set("domain", (e.target as HTMLInputElement).value)}
        />
        <DomainHint
          id="domain-hint"
          input={form.domain}
          onPreview={(p) => setDomainRefused(p !== null && !p.ok)}
        />
      </div>

      <div class="field">
        <label for="profile-client-id">Consumer key</label>
        <input
          id="profile-client-id"
          data-testid="profile-client-id"
          class="mono"
          value={form.client_id}
          placeholder="3MVG9…"
          spellcheck={false}
          autocomplete="off"
          aria-describedby="client-id-help"
          onInput={(e) => set("client_id", (e.target as HTMLInputElement).value)}
        />
        <p id="client-id-help" class="hint">
          The app's Settings tab → OAuth Settings → Consumer Key and Secret.
        </p>
      </div>

      <SecretField
        status={view.secret}
        pending={secret}
        onPendingChange={setSecret}
        onSave={onSaveSecret}
        onForget={onForgetSecret}
        disabled={busy}
      />

      <div class="field-pair">
        <div class="field">
          <label for="profile-api-version">API version</label>
          <input
            id="profile-api-version"
            data-testid="profile-api-version"
            value={form.api_version}
            spellcheck={false}
            aria-describedby="api-version-help"
            onInput={(e) => set("api_version", (e.target as HTMLInputElement).value)}
          />
          <p id="api-version-help" class="hint">
            “latest”, or a version such as 66.0.
          </p>
        </div>
        <div class="field">
          <label for="profile-object">Test object</label>
          <input
            id="profile-object"
            data-testid="profile-object"
            value={form.object}
            spellcheck={false}
            aria-describedby="object-help"
            onInput={(e) => set("object", (e.target as HTMLInputElement).value)}
          />
          <p id="object-help" class="hint">
            API name of the object for the test record, e.g. Account.
          </p>
        </div>
      </div>

      <details class="network" open={form.proxy !== "" || form.ca_cert_file !== ""}>
        <summary>Company network (proxy, inspected HTTPS)</summary>
        <div class="field">
          <label for="profile-proxy">Proxy</label>
          <input
            id="profile-proxy"
            data-testid="profile-proxy"
            class="mono"
            value={form.proxy}
            placeholder="http://proxy.example.com:3128"
            spellcheck={false}
            autocomplete="off"
            aria-describedby="proxy-help"
            onInput={(e) => set("proxy", (e.target as HTMLInputElement).value)}
          />
          <p id="proxy-help" class="hint">
            Empty: the system's proxy settings (HTTPS_PROXY). If the proxy wants a login, write
            http://user@host:port here and the password below.
          </p>
        </div>
        {proxyNeedsPassword ? (
          <SecretField
            kind="proxy"
            status={view.proxy_password}
            pending={proxyPassword}
            onPendingChange={setProxyPassword}
            onSave={onSaveProxyPassword}
            onForget={onForgetProxyPassword}
            disabled={busy}
          />
        ) : null}
        <div class="field">
          <span class="label" id="ca-label">
            Extra CA certificate
          </span>
          <p class="mono ca-file" id="ca-file" data-testid="profile-ca-file">
            {form.ca_cert_file || "None: the system's trust store"}
          </p>
          <div class="row">
            <button
              type="button"
              class="btn"
              data-testid="choose-ca"
              aria-describedby="ca-label ca-file"
              onClick={() => void chooseCaFile()}>
              Choose file…
            </button>
            {form.ca_cert_file ? (
              <button type="button" class="btn" data-testid="clear-ca" onClick={() => set("ca_cert_file", "")}>
                Remove
              </button>
            ) : null}
          </div>
          <p class="hint">
            If your company inspects HTTPS, IT can give you its root certificate (.pem or .crt); it
            is trusted for this profile besides the system's own.
          </p>
        </div>
      </details>

      <div class="form-actions">
        <button type="submit" class="btn btn-primary" data-testid="profile-save" disabled={busy}>
          {isDraft ? "Save profile" : "Save changes"}
        </button>
        <span class="form-status" role="status" data-testid="profile-save-status">
          {saved ? "Saved." : dirty && !isDraft ? "Not saved yet: a test uses the saved settings." : ""}
        </span>
      </div>
      {error ? (
        <p class="hint hint-error" role="alert" data-testid="profile-error" ref={errorRef}>
          {error}
          {dirty ? " The saved value stays in use until this one is fixed and saved." : ""}
        </p>
      ) : null}
    </form>
  );
}
