import { SETUP_STEPS, type SetupStep } from "../ipc/bindings";
import { CALLBACK_URL, type CopyValue, GUIDE_STEPS, type GuideStep } from "../ipc/guide";

// The ECA setup walkthrough (create the app, OAuth settings, the flow on both tabs, Run As, key and
// secret, My Domain, the wait), as the checklist the admin ticks through. The steps are Rust's
// guide.toml (src-tauri/crates/core), generated into ipc/guide.ts; the CLI prints the same with
// `eca-preflight-cli guide`. Step ids are saved in Profile.setup_done, so never rename one.

export { CALLBACK_URL, type CopyValue, type GuideStep };

/** The guide's step ids: Rust's SetupStep (the wait has no Setup page). */
export type GuideStepId = SetupStep;

export const GUIDE: GuideStep[] = GUIDE_STEPS;

/** Splits `**bold**` markup into plain and bold runs (no HTML is ever injected). */
export function boldRuns(text: string): { text: string; bold: boolean }[] {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .filter((part) => part.length > 0)
    .map((part) =>
      part.startsWith("**") && part.endsWith("**")
        ? { text: part.slice(2, -2), bold: true }
        : { text: part, bold: false },
    );
}

/** Rust's setup steps (SETUP_STEPS in bindings.ts) the guide (guide.ts) does not cover; a test
 * keeps this empty, so the two generated files cannot drift apart. */
export function uncoveredSetupSteps(): SetupStep[] {
  return SETUP_STEPS.filter((id) => !GUIDE.some((g) => g.id === id));
}
