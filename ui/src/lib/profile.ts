// Reading a profile's target: a real org by its typed domain, or the built-in practice org.
import type { LastResult, Profile, ProfileView } from "../ipc/bindings";

export function isPractice(p: Profile): boolean {
  return p.target.kind === "practice";
}

/**
 * What a test result depends on: org, key, secret, object, API version and the rest of the
 * run's settings. A result whose fingerprint differs from the profile's now is out of date.
 */
export function runInputs(view: ProfileView): string {
  const p = view.profile;
  return JSON.stringify([
    p.target,
    p.client_id,
    view.secret.stored,
    view.secret.last4,
    p.object,
    p.api_version,
    p.fields,
    p.create_record,
    p.keep_record,
    p.proxy,
    p.ca_cert_file,
  ]);
}

/** How the last run ended; a run the admin cancelled (or closed the window on) did not fail. */
export type LastOutcome = "passed" | "failed" | "cancelled";

export function lastOutcome(last: LastResult): LastOutcome {
  if (last.ok) return "passed";
  return last.code === "cancelled" ? "cancelled" : "failed";
}

/** The domain as the admin typed it; "" for the practice org (whose address is Rust's business). */
export function orgDomain(p: Profile): string {
  return p.target.kind === "org" ? p.target.domain : "";
}
