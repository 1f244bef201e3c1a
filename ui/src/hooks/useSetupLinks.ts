import { useEffect, useState } from "preact/hooks";
import type { ProfileView, SetupLink } from "../ipc/bindings";
import { api } from "../ipc/client";
import { isPractice, orgDomain } from "../lib/profile";

/** The Setup pages of the profile's org, one per guide step Rust has a page for. */
export function useSetupLinks(view: ProfileView): SetupLink[] {
  const { profile, draft } = view;
  const [links, setLinks] = useState<SetupLink[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the links depend on the profile's id and domain only
  useEffect(() => {
    let current = true;
    const domain = orgDomain(profile);
    if (draft || (!isPractice(profile) && domain.trim() === "")) {
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
  }, [profile.id, draft, orgDomain(profile)]);
  return links;
}
