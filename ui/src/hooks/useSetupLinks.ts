import { useEffect, useState } from "preact/hooks";
import type { Profile, SetupLink } from "../ipc/bindings";
import { api } from "../ipc/client";
import { isPractice, orgDomain } from "../lib/profile";

/** The Setup pages of the profile's org, one per guide step Rust has a page for. */
export function useSetupLinks(profile: Profile): SetupLink[] {
  const [links, setLinks] = useState<SetupLink[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the links depend on the profile's id and domain only
  useEffect(() => {
    let current = true;
    const domain = orgDomain(profile);
    if (profile.id === "" || (!isPractice(profile) && domain.trim() === "")) {
      setLinks([]);
      return undefined;
    }
    api
      .setupLinks(profile.id)
      .then((l) => current && setLinks(l))
      .catch(() => current && setLinks([]));
    return () => {
      current = false;
    };
  }, [profile.id, orgDomain(profile)]);
  return links;
}
