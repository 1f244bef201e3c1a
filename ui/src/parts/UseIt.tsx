// The Use it card after a green test: the token request as curl, Python, Node.js or Postman.
import { useSnippet } from "../hooks/useSnippet";
import type { SnippetFormat } from "../ipc/bindings";
import { CopyButton } from "./CopyButton";

interface Format {
  id: SnippetFormat;
  label: string;
  run: string;
}

const CURL: Format = { id: "curl", label: "curl", run: "bash salesforce-token.sh" };
const FORMATS: ReadonlyArray<Format> = [
  CURL,
  { id: "python", label: "Python", run: "pip install simple-salesforce && python3 salesforce_token.py" },
  { id: "node", label: "Node.js", run: "npm install jsforce && node salesforce-token.mjs" },
  {
    id: "postman",
    label: "Postman",
    run: "newman run salesforce-token.postman_collection.json --env-var client_secret=…",
  },
];

interface Props {
  profileId: string;
}

/**
 * After a green check: the token request and one REST call as code for whoever builds the
 * integration. The secret is read from ECA_PREFLIGHT_CLIENT_SECRET, never written into it.
 * The code is fetched before any click, so Copy writes it within the click.
 */
export function UseIt({ profileId }: Props) {
  const { format, setFormat, code, message, setMessage, saveAs } = useSnippet(profileId);

  const chosen = FORMATS.find((f) => f.id === format) ?? CURL;
  return (
    <section class="card use-it" aria-labelledby="use-it-title" data-testid="use-it">
      <h2 id="use-it-title">Use it</h2>
      <p class="lead">
        Hand this app to whoever builds the integration: the token request and one REST call, ready
        to run. The consumer secret is read from the environment variable{" "}
        <code>ECA_PREFLIGHT_CLIENT_SECRET</code> and is never in the code.
      </p>
      <div class="segmented" role="radiogroup" aria-label="Language">
        {FORMATS.map((f) => (
          <label key={f.id} class={f.id === format ? "is-on" : ""}>
            <input
              type="radio"
              name="snippet-format"
              value={f.id}
              checked={f.id === format}
              data-testid={`snippet-format-${f.id}`}
              onChange={() => setFormat(f.id)}
            />
            {f.label}
          </label>
        ))}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useAriaPropsSupportedByRole: a scrollable block takes the focus to scroll by keyboard, and is named for it */}
      <pre class="code" data-testid="snippet-code" aria-label={`${chosen.label} code`} tabIndex={0}>
        {code ?? "Preparing…"}
      </pre>
      <p class="hint">
        Run: <code>{chosen.run}</code>
      </p>
      <div class="row">
        {code !== null ? (
          <CopyButton
            testId="snippet-copy"
            label="Copy code"
            value={code}
            onError={(text) => setMessage({ text, error: true })}
            onCopied={() => setMessage((m) => (m?.error ? null : m))}
          />
        ) : null}
        <button type="button" class="btn btn-small" data-testid="snippet-save" onClick={() => void saveAs()}>
          Save…
        </button>
      </div>
      {message ? (
        <p class={`hint ${message.error ? "hint-error" : ""}`} role="status" data-testid="snippet-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
