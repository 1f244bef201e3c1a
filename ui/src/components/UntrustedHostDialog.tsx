import { api } from "../ipc/client";
import { ConfirmDialog } from "./ConfirmDialog";

/**
 * The host a profile's domain names when it is neither Salesforce nor loopback, else null.
 * Rust's parser decides (one source of truth); if it cannot be asked, the run goes ahead
 * unconfirmed and Rust refuses an untrusted host itself.
 */
export async function untrustedHost(domain: string): Promise<string | null> {
  try {
    const preview = await api.parseDomain(domain);
    return preview.ok && preview.domain?.kind === "other" ? preview.domain.host : null;
  } catch {
    return null;
  }
}

interface Props {
  host: string;
  /** What the confirm button does; a run by default. */
  confirmLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asked before every run against a host that is not Salesforce; Cancel has the focus. */
export function UntrustedHostDialog({ host, confirmLabel = "Send and test", onConfirm, onCancel }: Props) {
  return (
    <ConfirmDialog
      title={`Send the consumer key and secret to ${host}?`}
      confirmLabel={confirmLabel}
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p data-testid="untrusted-host-text">
        <strong class="mono">{host}</strong> is not a Salesforce host. The test sends your External
        Client App's consumer key and secret there to ask for an access token.
      </p>
      <p>
        Continue only if this host is yours to trust, for example a proxy your company runs. If you
        meant your org, use its My Domain from Setup → My Domain instead.
      </p>
    </ConfirmDialog>
  );
}
