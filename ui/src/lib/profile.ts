// Reading a profile's target: a real org by its typed domain, or the built-in practice org.
import type { Profile } from "../ipc/bindings";

export function isPractice(p: Profile): boolean {
  return p.target.kind === "practice";
}

/** The domain as the admin typed it; "" for the practice org (whose address is Rust's business). */
export function orgDomain(p: Profile): string {
  return p.target.kind === "org" ? p.target.domain : "";
}
