// Words for what a change made with the admin's login is doing (Rust's ChangeProgress).
import type { ChangeProgress } from "../ipc/bindings";

/** One progress line: "Deploying phase 1 … — Salesforce says InProgress (poll 3)". */
export function progressText(p: ChangeProgress): string {
  switch (p.kind) {
    case "checking":
      return `Checking ${p.what}…`;
    case "deploying":
      return `Deploying ${p.what} — Salesforce says ${p.status}${p.polls > 0 ? ` (check ${p.polls})` : ""}…`;
    case "credentials":
      return `${p.what}…`;
    case "proving":
      return `Proving ${p.what}…`;
  }
}

/** A row of the before → after sheet. */
export interface ChangeRow {
  /** Where the setting lives, e.g. "OAuth policies (Acme_oauthPlcy)". */
  where: string;
  setting: string;
  before: string | null;
  after: string;
}

/** What the metadata types are called in Setup's words. */
export const PLACE: Record<string, string> = {
  ExternalClientApplication: "The app",
  ExtlClntAppOauthSettings: "OAuth settings",
  ExtlClntAppGlobalOauthSettings: "Settings tab (global OAuth settings)",
  ExtlClntAppOauthConfigurablePolicies: "Policies tab (OAuth policies)",
};
