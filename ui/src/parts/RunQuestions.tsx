// The questions a run asks before it sends anything: the credentials to a host that is not
// Salesforce, or the warning that Salesforce may freeze the Run As user on this network.
import { useRunFlowContext } from "../hooks/useRun";
import { FreezeRiskDialog } from "./FreezeRiskDialog";

export function RunQuestions() {
  const { hostDialog, freezeRisk } = useRunFlowContext();
  return (
    <>
      {hostDialog}
      {freezeRisk ? (
        <FreezeRiskDialog risk={freezeRisk.risk} onConfirm={freezeRisk.accept} onCancel={freezeRisk.cancel} />
      ) : null}
    </>
  );
}
