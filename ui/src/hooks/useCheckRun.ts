import { useRef, useState } from "preact/hooks";
import type { CheckReport, DiagnosisCode, FreezeRisk, RunOptions, StepResult } from "../ipc/bindings";
import { api, type IpcError, toIpcError } from "../ipc/client";
import { announce, applyStep, pendingSteps } from "../lib/steps";

export interface RunState {
  /** The profile the shown run belongs to. */
  profileId: string | null;
  running: boolean;
  cancelling: boolean;
  steps: StepResult[];
  report: CheckReport | null;
  /** The run could not start or finish (busy, no secret, keychain…). */
  error: IpcError | null;
  /** The last step change, for the screen-reader live region. */
  announcement: string;
  /** A run just ended: its result may take the keyboard focus once. */
  justFinished: boolean;
  /** Keep trying: the pause before the next attempt (cleared when it starts). */
  retry: Retry | null;
  /** The profile's settings the run started with (Rust's `run_inputs` of the profile). */
  inputs: string | null;
}

export interface Retry {
  code: DiagnosisCode;
  attempt: number;
  pauseS: number;
  leftS: number;
  /** `Date.now()` when the pause began. */
  since: number;
}

const IDLE: RunState = {
  profileId: null,
  running: false,
  cancelling: false,
  steps: pendingSteps(),
  report: null,
  error: null,
  announcement: "",
  justFinished: false,
  retry: null,
  inputs: null,
};

/** What the admin must answer before a run sends anything. */
export type RunQuestion = { kind: "untrusted_host"; host: string } | { kind: "freeze_risk"; risk: FreezeRisk };

export interface CheckRunControls {
  state: RunState;
  /**
   * Starts a run unless one is going. Resolves to the question to ask when Rust refused to
   * start before sending anything (nothing is shown as failed): a non-Salesforce host to
   * confirm, or the warning that Salesforce may freeze the Run As user on this network.
   */
  start: (profileId: string, options: RunOptions, inputs?: string) => Promise<RunQuestion | null>;
  cancel: () => Promise<void>;
  /** Forget the shown run (e.g. its profile was deleted). */
  reset: () => void;
  /** The finished run's result has taken the focus. */
  settle: () => void;
  /** Show a run from an earlier launch (nothing runs). */
  restore: (profileId: string, report: CheckReport) => void;
}

/** One run at a time, app-wide: state lives above the tabs so switching tabs keeps it. */
export function useCheckRun(): CheckRunControls {
  const [state, setState] = useState<RunState>(IDLE);
  const runToken = useRef(0);
  const busy = useRef(false);

  async function start(profileId: string, options: RunOptions, inputs?: string): Promise<RunQuestion | null> {
    if (busy.current) return null; // the button is disabled too; this guards double clicks
    busy.current = true;
    const token = ++runToken.current;
    const before = state;
    setState({
      ...IDLE,
      profileId,
      running: true,
      steps: pendingSteps(),
      announcement: "Test started.",
      inputs: inputs ?? null,
    });
    try {
      const report = await api.runCheck(profileId, options, (event) => {
        if (token !== runToken.current) return;
        if (event.kind === "retrying") {
          const retry = {
            code: event.code,
            attempt: event.attempt,
            pauseS: event.pause_s,
            leftS: event.left_s,
            since: Date.now(),
          };
          setState((s) => ({
            ...s,
            retry,
            announcement: `Attempt ${retry.attempt} failed (${retry.code}). Trying again in ${retry.pauseS} seconds.`,
          }));
          return;
        }
        const step = event.step;
        setState((s) => ({
          ...s,
          retry: null,
          steps: applyStep(s.steps, step),
          announcement: announce(step),
        }));
      });
      if (token !== runToken.current) return null;
      setState((s) => ({
        ...s,
        running: false,
        cancelling: false,
        justFinished: true,
        retry: null,
        // The report is the final word: late channel messages must not overwrite it.
        steps: report.steps.reduce(applyStep, s.steps),
        report,
        announcement: report.cancelled
          ? "Test cancelled."
          : report.ok
            ? "Test finished: everything passed."
            : `Test finished: ${report.diagnosis?.title ?? "a step failed"}.`,
      }));
      return null;
    } catch (e) {
      if (token !== runToken.current) return null;
      const error = toIpcError(e);
      const { detail } = error;
      if (detail.kind === "untrusted_host") {
        setState(before);
        return { kind: "untrusted_host", host: detail.host };
      }
      if (detail.kind === "freeze_risk") {
        setState(before);
        return { kind: "freeze_risk", risk: detail.risk };
      }
      setState((s) => ({
        ...s,
        running: false,
        cancelling: false,
        justFinished: true,
        retry: null,
        // Steps still running when the command failed did not finish.
        steps: s.steps.map((st) => (st.status === "running" ? { ...st, status: "failed" } : st)),
        error,
        announcement: `The test could not finish: ${error.message}`,
      }));
      return null;
    } finally {
      if (token === runToken.current) busy.current = false;
    }
  }

  async function cancel() {
    if (!busy.current) return;
    setState((s) => ({ ...s, cancelling: true, announcement: "Cancelling…" }));
    try {
      await api.cancelCheck();
    } catch (e) {
      const error = toIpcError(e);
      setState((s) => ({ ...s, cancelling: false, announcement: error.message }));
    }
  }

  function reset() {
    if (busy.current) return;
    runToken.current++;
    setState(IDLE);
  }

  function settle() {
    setState((s) => (s.justFinished ? { ...s, justFinished: false } : s));
  }

  function restore(profileId: string, report: CheckReport) {
    setState((s) =>
      s.profileId !== null || s.running
        ? s
        : { ...IDLE, profileId, report, steps: report.steps.reduce(applyStep, pendingSteps()) },
    );
  }

  return { state, start, cancel, reset, settle, restore };
}
