// The line under the My Domain field: what the typed address is understood as (or what is wrong).
import { useDomainPreview } from "../hooks/useDomainPreview";
import type { DomainKind, DomainPreview } from "../ipc/bindings";

const KIND_TEXT: Record<DomainKind, string> = {
  production: "production org",
  sandbox: "sandbox",
  developer: "Developer Edition org",
  scratch: "scratch org",
  patch: "patch org",
  demo: "demo org",
  free: "free org",
  trailblaze: "Trailhead playground",
  government: "Government Cloud org",
  china: "Salesforce on Alibaba Cloud org",
  loopback: "practice org on this computer",
  other: "host that is not a known Salesforce domain",
};

export function kindText(kind: DomainKind): string {
  return KIND_TEXT[kind] ?? kind;
}

interface Props {
  id: string;
  input: string;
  /** Told whenever the understood domain changes, so the form can refuse to run on a bad one. */
  onPreview?: (preview: DomainPreview | null) => void;
}

/** Live "understood as …" line under the My Domain field, from Rust's parser (one source of truth). */
export function DomainHint({ id, input, onPreview }: Props) {
  const { preview, failure } = useDomainPreview(input, onPreview);

  if (input.trim() === "") {
    return (
      <p id={id} class="hint" data-testid="domain-hint" data-state="empty">
        Your org's My Domain, from Setup → My Domain → Current My Domain URL. A Lightning or Setup
        address from your browser works too.
      </p>
    );
  }
  if (failure !== null) {
    return (
      <p id={id} class="hint hint-error" data-testid="domain-hint" data-state="error" role="alert">
        {failure}
      </p>
    );
  }
  if (preview === null) {
    return (
      <p id={id} class="hint" data-testid="domain-hint" data-state="checking">
        Checking…
      </p>
    );
  }
  if (!preview.ok || !preview.domain) {
    return (
      <p
        id={id}
        class="hint hint-error"
        data-testid="domain-hint"
        data-state="refused"
        data-code={preview.error?.code ?? ""}
        role="alert"
      >
        {preview.error?.message ?? "This is not a My Domain address."}
      </p>
    );
  }
  const d = preview.domain;
  // Rust's note says what was changed without naming the host again: "— from the Lightning URL".
  const note = d.note ? <span class="hint-note"> — {d.note}</span> : null;
  if (d.kind === "other") {
    return (
      <p id={id} class="hint hint-warn" data-testid="domain-hint" data-state="untrusted" data-kind={d.kind}>
        Understood as <strong class="mono">{d.host}</strong>
        {note}. <strong>This is not a Salesforce host.</strong> The consumer key and secret would be
        sent to it, so every test asks you to confirm first. Compare it with Setup → My Domain →
        Current My Domain URL.
      </p>
    );
  }
  const kind = d.kind === "sandbox" && d.sandbox_name ? `sandbox “${d.sandbox_name}”` : kindText(d.kind);
  return (
    <p id={id} class="hint hint-ok" data-testid="domain-hint" data-state="ok" data-kind={d.kind}>
      Understood as <strong class="mono">{d.host}</strong> ({kind})
      {note}.
    </p>
  );
}
