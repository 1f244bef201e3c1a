// One profile: its name, the practice bar (practice org only), and the Test, Connection and
// Setup guide tabs.
import { useState } from "preact/hooks";
import type { CheckRunControls } from "../hooks/useCheckRun";
import { usePractice } from "../hooks/usePractice";
import { useProfiles } from "../hooks/useProfiles";
import { useRunFlowContext } from "../hooks/useRun";
import type { Profile, ProfileView, ScenarioInfo } from "../ipc/bindings";
import { isPractice } from "../lib/profile";
import { CheckRun } from "../parts/CheckRun";
import { ConnectionForm } from "../parts/ConnectionForm";
import { Diagnosis } from "../parts/Diagnosis";
import { Inspect } from "../parts/Inspect";
import { Leftovers } from "../parts/Leftovers";
import { OrgChanges } from "../parts/OrgChanges";
import { PracticeBar } from "../parts/PracticeBar";
import { RecordStep } from "../parts/RecordStep";
import { Report } from "../parts/Report";
import { RotateCredentials } from "../parts/RotateCredentials";
import { SetUpForMe } from "../parts/SetUpForMe";
import { SetupGuide } from "../parts/SetupGuide";
import { type TabId, Tabs } from "../parts/Tabs";
import { UseIt } from "../parts/UseIt";

/** The profile selected (or the new draft), with its data and actions from the store. */
export function CurrentProfileScreen() {
  const profiles = useProfiles();
  const practice = usePractice();
  const flow = useRunFlowContext();
  const view = profiles.current;
  if (view === null) return null;
  return (
    <ProfileScreen
      view={view}
      tab={profiles.tab}
      onTab={profiles.setTab}
      run={flow.run}
      onRun={(keepTrying) => flow.start(view, keepTrying)}
      onSaved={profiles.onSaved}
      onChange={profiles.update}
      onError={profiles.showNotice}
      scenarios={practice.scenarios}
      onScenario={practice.change}
      onDirty={profiles.setUnsaved}
    />
  );
}

interface ScreenProps {
  view: ProfileView;
  tab: TabId;
  onTab: (t: TabId) => void;
  run: CheckRunControls;
  /** `keepTrying`: run again while Salesforce may still be applying a recent change. */
  onRun: (keepTrying?: boolean) => void;
  onSaved: (v: ProfileView) => void;
  onChange: (p: Profile) => Promise<void>;
  onError: (m: string) => void;
  scenarios: ScenarioInfo[];
  onScenario: (id: string) => void;
  /** The Connection form holds unsaved edits (App asks before leaving the profile). */
  onDirty?: (dirty: boolean) => void;
}

/** One profile: header, practice bar, and the Test / Connection / Setup guide tabs. */
export function ProfileScreen(props: ScreenProps) {
  const { view, run } = props;
  const p = view.profile;
  const mine = run.state.profileId === p.id;
  const report = mine ? run.state.report : null;
  const diagnosis = report?.diagnosis ?? (mine ? (run.state.error?.diagnosis ?? null) : null);
  const running = run.state.running;
  const [unsaved, setUnsaved] = useState(false);
  const blocked = unsaved
    ? "The Connection tab has changes that are not saved: save them (or put them back) first — a test uses the saved settings."
    : view.blocked;
  // The failure being inspected: a new run's failure (or another profile's) closes it.
  const [inspected, setInspected] = useState<object | null>(null);
  const inspecting = diagnosis !== null && inspected === diagnosis;

  return (
    <div class="screen">
      <header class="screen-head">
        <h1 data-testid="profile-title">{view.draft ? "New connection" : p.name}</h1>
      </header>

      {p.target.kind === "practice" ? (
        <PracticeBar
          scenarios={props.scenarios}
          scenario={p.target.scenario}
          onChange={props.onScenario}
          disabled={running}
        />
      ) : null}

      <Tabs
        active={props.tab}
        onChange={props.onTab}
        panels={{
          test: (
            <div class="stack">
              {!view.draft ? (
                <Leftovers profileId={p.id} refresh={report} disabled={running} />
              ) : null}
              <CheckRun view={view} run={run} onRun={props.onRun} blockedReason={blocked} />
              {diagnosis && !running ? (
                <Diagnosis
                  diagnosis={diagnosis}
                  onRunAgain={() => props.onRun()}
                  onKeepTrying={() => props.onRun(true)}
                  onInspect={() => setInspected(diagnosis)}
                  runDisabled={running || blocked !== null}
                  focus={mine && run.state.justFinished && props.tab === "test"}
                  onFocused={run.settle}
                />
              ) : null}
              {inspecting && !running ? (
                <Inspect view={view} onClose={() => setInspected(null)} />
              ) : null}
              {!view.draft ? (
                <RecordStep
                  view={view}
                  onChange={props.onChange}
                  outcome={report?.record ?? null}
                  disabled={running}
                  onError={props.onError}
                />
              ) : null}
              {report?.ok && !running ? <UseIt profileId={p.id} /> : null}
              {report && !running ? <Report /> : null}
            </div>
          ),
          connection: (
            <div class="stack">
              <ConnectionForm
                view={view}
                onSaved={props.onSaved}
                onOpenGuide={() => props.onTab("guide")}
                onDirty={(d) => {
                  setUnsaved(d);
                  props.onDirty?.(d);
                }}
              />
              {!view.draft && (isPractice(p) || view.secret.stored) ? (
                <RotateCredentials view={view} onSaved={props.onSaved} />
              ) : null}
              {!view.draft ? <OrgChanges profileId={p.id} refresh={view} /> : null}
            </div>
          ),
          guide: (
            <div class="stack">
              <SetUpForMe view={view} onSaved={props.onSaved} />
              <SetupGuide view={view} onChange={props.onChange} onError={props.onError} />
            </div>
          ),
        }}
      />
    </div>
  );
}
