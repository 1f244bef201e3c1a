// "Send the consumer key and secret to …?": asked before the credentials go to a host that is
// not Salesforce.
import { ConfirmDialog } from "./ConfirmDialog";

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
