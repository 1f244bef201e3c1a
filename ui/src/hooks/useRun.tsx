import type { ComponentChildren } from "preact";
import { createContext } from "preact";
import { useContext, useState } from "preact/hooks";
import type { FreezeRisk, ProfileView, RunOptions } from "../ipc/bindings";
import { type Store, useStore } from "../store";
import { type CheckRunControls, useCheckRun } from "./useCheckRun";
import { useUntrustedHost } from "./useUntrustedHost";

export interface RunFlow {
  run: CheckRunControls;
  /** Starts a run of `view` (keepTrying: while Salesforce may still apply a recent change). */
  start: (view: ProfileView, keepTrying?: boolean) => void;
  /** The production-through-a-proxy warning waiting for the admin's answer. */
  freezeRisk: { risk: FreezeRisk; accept: () => void; cancel: () => void } | null;
  /** The untrusted-host confirm of a run, when one is asked. */
  hostDialog: ComponentChildren;
}

const RunContext = createContext<RunFlow | null>(null);

/**
 * One run at a time, app-wide. Rust refuses a run before it sends anything when the admin must
 * answer first: a host that is neither Salesforce nor loopback (confirmed for this one run), or
 * a production org through a proxy, where Salesforce may freeze the Run As user (asked once per
 * profile and network; Rust remembers the answer).
 */
function useRunFlow(store: Store): RunFlow {
  const run = useCheckRun();
  const host = useUntrustedHost();
  const [freeze, setFreeze] = useState<{ view: ProfileView; risk: FreezeRisk; options: RunOptions } | null>(null);

  function start(view: ProfileView, keepTrying = false, answered?: RunOptions) {
    // While a question is open only its answer starts a run.
    if ((host.asking || freeze !== null) && !answered) return;
    const options: RunOptions = answered ?? { allow_untrusted_host: false, keep_trying: keepTrying, accept_freeze_risk: false };
    store.tab.value = "test";
    void store.scenarioSaved.current
      .then(() => run.start(view.profile.id, options, view.run_inputs))
      .then((ask) => {
        // A finished run's result reaches the profile list as Rust's profiles-changed event.
        if (ask === null) return;
        if (ask.kind === "untrusted_host")
          host.ask(ask.host, () => start(view, options.keep_trying, { ...options, allow_untrusted_host: true }));
        else setFreeze({ view, risk: ask.risk, options });
      });
  }

  return {
    run,
    start,
    freezeRisk: freeze
      ? {
          risk: freeze.risk,
          accept: () => {
            setFreeze(null);
            start(freeze.view, freeze.options.keep_trying, { ...freeze.options, accept_freeze_risk: true });
          },
          cancel: () => setFreeze(null),
        }
      : null,
    hostDialog: host.dialog,
  };
}

/** Provides the app-wide run to every screen. */
export function RunProvider({ children }: { children: ComponentChildren }) {
  const flow = useRunFlow(useStore());
  return <RunContext.Provider value={flow}>{children}</RunContext.Provider>;
}

export function useRunFlowContext(): RunFlow {
  const flow = useContext(RunContext);
  if (flow === null) throw new Error("useRun outside <RunProvider>");
  return flow;
}

/** The app-wide run's state and controls. */
export function useRun(): CheckRunControls {
  return useRunFlowContext().run;
}
