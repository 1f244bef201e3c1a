import { useEffect, useState } from "preact/hooks";
import type { ProfileView } from "../ipc/bindings";
import { api } from "../ipc/client";

/**
 * Whether the proxy as typed names a user (its password is then asked for). The saved proxy's
 * answer comes with the profile; an edited one is Rust's to read, as it is typed.
 */
export function useProxyNeedsPassword(proxy: string, view: ProfileView): boolean {
  const saved = proxy === view.profile.proxy;
  const [typed, setTyped] = useState(false);
  useEffect(() => {
    if (saved) return undefined;
    let current = true;
    api
      .proxyNeedsPassword(proxy)
      .then((needs) => current && setTyped(needs))
      .catch(() => current && setTyped(false));
    return () => {
      current = false;
    };
  }, [proxy, saved]);
  return saved ? view.proxy_needs_password : typed;
}
