// Reading a profile's target: a real org by its typed domain, or the built-in practice org.
import type { LastResult, Profile } from "../ipc/bindings";

export function isPractice(p: Profile): boolean {
  return p.target.kind === "practice";
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
