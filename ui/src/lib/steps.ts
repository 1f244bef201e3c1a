import { STEPS, type StepId, type StepResult, type StepStatus } from "../ipc/bindings";

// Order and labels come from Rust (StepId::ALL, StepId::label) through the generated bindings.
export const STEP_ORDER: StepId[] = STEPS.map((s) => s.id);

export const STEP_LABELS = Object.fromEntries(STEPS.map((s) => [s.id, s.label])) as Record<
  StepId,
  string
>;

export const STATUS_TEXT: Record<StepStatus, string> = {
  pending: "Waiting",
  running: "Running…",
  passed: "Passed",
  failed: "Failed",
  skipped: "Skipped",
};

export function pendingSteps(): StepResult[] {
  return STEP_ORDER.map((id) => ({ id, status: "pending", ms: null, summary: null, warning: null }));
}

/** Replaces one step in the list, keeping the list's order. */
export function applyStep(steps: StepResult[], step: StepResult): StepResult[] {
  const i = steps.findIndex((s) => s.id === step.id);
  if (i < 0) return [...steps, step];
  const next = steps.slice();
  next[i] = step;
  return next;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "";
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "Get an access token: passed in 120 ms" — what the live region reads out. */
export function announce(step: StepResult): string {
  const label = STEP_LABELS[step.id] ?? step.id;
  const status = STATUS_TEXT[step.status].replace("…", "");
  const time = step.ms !== null && step.status !== "running" ? ` in ${formatMs(step.ms)}` : "";
  return `${label}: ${status.toLowerCase()}${time}`;
}
