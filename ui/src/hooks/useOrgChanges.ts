import { useEffect, useState } from "preact/hooks";
import type { OrgChange } from "../ipc/bindings";
import { api } from "../ipc/client";

/** What was changed in the profile's org with an admin's login (the org-changes ledger), newest first. */
export function useOrgChanges(profileId: string, refresh: unknown) {
  const [changes, setChanges] = useState<OrgChange[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a changed profile (refresh) is the request to look again
  useEffect(() => {
    let current = true;
    api.orgChanges(profileId).then(
      (list) => current && setChanges(list),
      () => current && setChanges([]),
    );
    return () => {
      current = false;
    };
  }, [profileId, refresh]);

  return changes;
}
