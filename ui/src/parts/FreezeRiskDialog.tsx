// "Salesforce may freeze the Run As user": asked before the first test of a production org
// through a proxy.
import { useExternalLink } from "../hooks/useExternalLink";
import type { FreezeRisk } from "../ipc/bindings";
import { ConfirmDialog } from "./ConfirmDialog";
import { LinkNotice } from "./LinkNotice";

interface Props {
  risk: FreezeRisk;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asked once per profile and network; Cancel has the focus. */
export function FreezeRiskDialog({ risk, onConfirm, onCancel }: Props) {
  const link = useExternalLink();
  return (
    <ConfirmDialog
      title="Salesforce may freeze the Run As user"
      confirmLabel="Test anyway"
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p data-testid="freeze-risk-text">{risk.warning}</p>
      <p>
        <button type="button" class="link" data-testid="freeze-risk-article" onClick={() => link.open(risk.kb_url)}>
          Salesforce's article on users frozen for VPN, proxy or high-risk IP traffic
        </button>
      </p>
      <LinkNotice link={link} />
      <p class="hint">You are asked once for this profile and {risk.network}.</p>
    </ConfirmDialog>
  );
}
