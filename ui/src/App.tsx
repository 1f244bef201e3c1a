import { listen } from "@tauri-apps/api/event";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { type RunQuestion, useCheckRun } from "./hooks/useCheckRun";
import type { Profile, ProfileView, RunOptions, ScenarioInfo } from "./ipc/bindings";
import { api, errorMessage } from "./ipc/client";
import { isPractice, runInputs } from "./lib/profile";
import { ConfirmDialog } from "./parts/ConfirmDialog";
import { FreezeRiskDialog } from "./parts/FreezeRiskDialog";
import { ProfileList } from "./parts/ProfileList";
import type { TabId } from "./parts/Tabs";
import { UntrustedHostDialog } from "./parts/UntrustedHostDialog";
import { About } from "./screens/About";
import { EveryProfileCheck } from "./screens/EveryProfileCheck";
import { ProfileScreen } from "./screens/ProfileScreen";
import { Welcome } from "./screens/Welcome";

type Selection =
  | { kind: "welcome" }
  | { kind: "draft" }
  | { kind: "profile"; id: string }
  | { kind: "every" };

const SELECTED_KEY = "eca-preflight.selected";
const DEFAULT_SCENARIO = "healthy";

function upsert(list: ProfileView[], view: ProfileView): ProfileView[] {
  const i = list.findIndex((v) => v.profile.id === view.profile.id);
  if (i < 0) return [...list, view];
  const next = list.slice();
  next[i] = view;
  return next;
}

function remember(id: string | null) {
  try {
    if (id) localStorage.setItem(SELECTED_KEY, id);
    else localStorage.removeItem(SELECTED_KEY);
  } catch {
    // Storage may be unavailable; the selection is a convenience only.
  }
}

function recalled(): string | null {
  try {
    return localStorage.getItem(SELECTED_KEY);
  } catch {
    return null;
  }
}

export function App() {
  const [profiles, setProfiles] = useState<ProfileView[] | null>(null);
  const firstLaunch = useRef(recalled() === null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>({ kind: "welcome" });
  const [draft, setDraft] = useState<ProfileView | null>(null);
  const [tab, setTab] = useState<TabId>("test");
  // Changes only when the admin picks another profile, so saving a draft keeps the form mounted.
  const [formKey, setFormKey] = useState(0);
  const main = useRef<HTMLElement>(null);
  // Another screen opens at its top (the page keeps its scroll otherwise: a new form would
  // open with its title and tabs scrolled out of view).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new screen (formKey) is the trigger, not a value the effect reads
  useLayoutEffect(() => {
    if (main.current) main.current.scrollTop = 0;
  }, [formKey]);
  const [scenarios, setScenarios] = useState<ScenarioInfo[]>([]);
  const [scenario, setScenario] = useState(DEFAULT_SCENARIO);
  const [practiceStarting, setPracticeStarting] = useState(false);
  const [practiceError, setPracticeError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A damaged profile file was kept aside at launch: say so once.
  useEffect(() => {
    api.storeProblem().then(
      (problem) => problem && setNotice(problem),
      () => undefined,
    );
  }, []);

  // The last run of an earlier launch is shown again (its report too).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once at launch; run is a new object each render
  useEffect(() => {
    api.lastRun().then(
      (saved) => saved && run.restore(saved.profile_id, saved.report),
      () => undefined,
    );
  }, []);
  const [closing, setClosing] = useState(false);
  useEffect(() => {
    // The window was closed during a run: the app cleans up, then closes itself.
    const stop = listen("closing", () => setClosing(true));
    return () => void stop.then((unlisten) => unlisten()).catch(() => undefined);
  }, []);
  /** A run waiting for the admin's answer: a non-Salesforce host, or the freeze warning. */
  const [question, setQuestion] = useState<{
    view: ProfileView;
    ask: RunQuestion;
    options: RunOptions;
  } | null>(null);
  const run = useCheckRun();
  /** The last practice-situation change, which a run must not overtake. */
  const scenarioSaved = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    api
      .listProfiles()
      .then((list) => {
        // A profile made while the list was on its way (the welcome screen's practice button)
        // is kept.
        setProfiles((shown) =>
          shown === null ? list : [...list, ...shown.filter((v) => !list.some((l) => l.profile.id === v.profile.id))],
        );
        // The practice org runs the situation its profile was left on.
        const practice = list.find((v) => isPractice(v.profile))?.profile.target;
        if (practice?.kind === "practice") setScenario(practice.scenario);
        const want = recalled();
        const pick = list.find((v) => v.profile.id === want) ?? list[0];
        // Only while nothing was picked yet: a click on the welcome screen wins.
        if (pick) setSelection((s) => (s.kind === "welcome" ? { kind: "profile", id: pick.profile.id } : s));
      })
      .catch((e: Error) => {
        setProfiles([]);
        setLoadError(e.message);
      });
    api
      .practiceScenarios()
      .then((list) => {
        setScenarios(list);
        const first = list[0];
        if (first && !list.some((s) => s.id === DEFAULT_SCENARIO)) setScenario(first.id);
      })
      .catch(() => setScenarios([]));
  }, []);

  const list = profiles ?? [];
  const current: ProfileView | null =
    selection.kind === "draft"
      ? draft
      : selection.kind === "profile"
        ? (list.find((v) => v.profile.id === selection.id) ?? null)
        : null;

  // Unsaved edits on the Connection tab: leaving the profile asks first.
  const unsaved = useRef(false);
  const [leaving, setLeaving] = useState<(() => void) | null>(null);

  /** Runs `leave` now, or once the admin confirms dropping the Connection tab's unsaved edits. */
  function confirmLeaving(leave: () => void) {
    if (!unsaved.current) {
      leave();
      return;
    }
    setLeaving(() => () => {
      unsaved.current = false;
      leave();
    });
  }

  function select(next: Selection, nextTab?: TabId) {
    const same =
      (next.kind === "profile" && selection?.kind === "profile" && selection.id === next.id) ||
      (next.kind === "draft" && selection?.kind === "draft");
    if (unsaved.current && !same) {
      confirmLeaving(() => select(next, nextTab));
      return;
    }
    setSelection(next);
    setFormKey((k) => k + 1);
    if (nextTab) setTab(nextTab);
    remember(next.kind === "profile" ? next.id : null);
    setNotice(null);
  }

  /** A new profile form with Rust's defaults and a free name. */
  async function newDraft() {
    try {
      setDraft(await api.newProfile());
      select({ kind: "draft" }, "connection");
    } catch (e) {
      setNotice(errorMessage(e));
    }
  }

  /** Nothing changes (no practice profile is made) before the admin agrees to leave. */
  function startPractice() {
    confirmLeaving(() => void practice());
  }

  async function practice() {
    setPracticeStarting(true);
    setPracticeError(null);
    try {
      const view = await api.startPractice(scenario);
      setProfiles((l) => upsert(l ?? [], view));
      select({ kind: "profile", id: view.profile.id }, "test");
      // Ready to run: the focus goes to "Test connection".
      requestAnimationFrame(() =>
        document.querySelector<HTMLButtonElement>('[data-testid="run-check"]')?.focus(),
      );
    } catch (e) {
      const message = errorMessage(e);
      setPracticeError(message);
      setNotice(message);
    } finally {
      setPracticeStarting(false);
    }
  }

  /** The practice org's situation is saved with its profile; a run waits for the save. */
  function changeScenario(id: string) {
    setScenario(id);
    scenarioSaved.current = api
      .startPractice(id)
      .then((view) => setProfiles((l) => upsert(l ?? [], view)))
      .catch((e: unknown) => setNotice(errorMessage(e)));
  }

  /** Rust's answer after a save: the list updates, and a saved draft becomes that profile. */
  function onSaved(view: ProfileView) {
    setProfiles((l) => upsert(l ?? [], view));
    if (selection.kind === "draft") {
      setDraft(null);
      setSelection({ kind: "profile", id: view.profile.id });
      remember(view.profile.id);
    }
  }

  async function updateProfile(profile: Profile) {
    if (profile.id === "") {
      setDraft((d) => (d ? { ...d, profile } : d));
      return;
    }
    onSaved(await api.saveProfile(profile));
  }

  async function refreshProfiles() {
    try {
      setProfiles(await api.listProfiles());
    } catch {
      // The list still shows what it had; the run result is on screen anyway.
    }
  }

  /**
   * Rust refuses a run before it sends anything when the admin must answer first: a host that
   * is neither Salesforce nor loopback (confirmed for this one run; every run asks again), or a
   * production org through a proxy, where Salesforce may freeze the Run As user (asked once per
   * profile and network; Rust remembers the answer).
   */
  function startRun(view: ProfileView, keepTrying = false, answered?: RunOptions) {
    // While a question is open only its answer starts a run.
    if (question !== null && !answered) return;
    const options: RunOptions = answered ?? { allowUntrustedHost: false, keepTrying, acceptFreezeRisk: false };
    setTab("test");
    void scenarioSaved.current
      .then(() => run.start(view.profile.id, options, runInputs(view)))
      .then((ask) => {
        if (ask !== null) setQuestion({ view, ask, options });
        else void refreshProfiles();
      });
  }

  async function rename(view: ProfileView, name: string) {
    onSaved(await api.saveProfile({ ...view.profile, name }));
  }

  async function duplicate(view: ProfileView, copySecret: boolean) {
    const copy = await api.duplicateProfile(view.profile.id, copySecret);
    setProfiles((l) => upsert(l ?? [], copy));
    select({ kind: "profile", id: copy.profile.id }, "connection");
  }

  async function remove(view: ProfileView) {
    await api.deleteProfile(view.profile.id);
    const rest = list.filter((v) => v.profile.id !== view.profile.id);
    setProfiles(rest);
    if (run.state.profileId === view.profile.id) run.reset();
    if (current?.profile.id === view.profile.id) {
      const next = rest[0];
      select(next ? { kind: "profile", id: next.profile.id } : { kind: "welcome" });
    }
  }

  // The welcome screen paints at once, before the saved profiles arrive, unless an earlier
  // launch left a profile selected (then that profile's screen follows, and the welcome screen
  // would only flash).
  const showWelcome =
    (profiles !== null || firstLaunch.current) && current === null && selection.kind !== "every";
  const orgProfiles = list.filter((v) => !isPractice(v.profile)).length;

  return (
    // "app-ready" once the saved profiles are known: end-to-end tests wait for it.
    <div class="app" data-testid={profiles === null ? "app-loading" : "app-ready"}>
      <aside class="sidebar">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true">
            ✓
          </span>
          <span class="brand-name">ECA Preflight</span>
        </div>
        <ProfileList
          profiles={profiles}
          selectedId={selection.kind === "profile" ? selection.id : null}
          onSelect={(id) => select({ kind: "profile", id }, "test")}
          onNew={newDraft}
          onRename={rename}
          onDuplicate={duplicate}
          onDelete={remove}
          busy={run.state.running}
        />
        {/* One practice-start at a time: the welcome screen has its own. */}
        {profiles === null || showWelcome ? null : (
          <div class="sidebar-foot">
            {orgProfiles > 1 ? (
              <button
                type="button"
                class="btn btn-small btn-block"
                data-testid="every-check-open"
                disabled={run.state.running || selection.kind === "every"}
                onClick={() => select({ kind: "every" })}
              >
                Check every profile
              </button>
            ) : null}
            <button
              type="button"
              class="btn btn-small btn-block"
              data-testid="practice-start"
              disabled={practiceStarting}
              onClick={startPractice}
            >
              {practiceStarting ? "Starting…" : "Try without an org"}
            </button>
          </div>
        )}
        <div class="sidebar-about">
          <button
            type="button"
            class="btn btn-small btn-block"
            data-testid="about-open"
            onClick={() => setAboutOpen(true)}
          >
            About ECA Preflight
          </button>
        </div>
      </aside>
      {aboutOpen ? <About onClose={() => setAboutOpen(false)} /> : null}

      {closing ? (
        <div class="closing-overlay" role="alertdialog" aria-modal="true" aria-labelledby="closing-title" data-testid="closing">
          <div class="card">
            <h2 id="closing-title">Cleaning up…</h2>
            <p>ECA Preflight deletes the test record and revokes the token before it closes.</p>
          </div>
        </div>
      ) : null}
      <main class="main" id="main" ref={main}>
        {notice ? (
          <div class="notice" role="alert" data-testid="notice">
            <span>{notice}</span>
            <button type="button" class="icon-btn" aria-label="Dismiss" onClick={() => setNotice(null)}>
              ×
            </button>
          </div>
        ) : null}
        {loadError ? (
          <p class="hint hint-error" role="alert">
            The saved profiles could not be read: {loadError}
          </p>
        ) : null}

        {showWelcome ? (
          <Welcome
            onPractice={startPractice}
            onConnect={newDraft}
            starting={practiceStarting}
            error={practiceError}
          />
        ) : selection.kind === "every" ? (
          <EveryProfileCheck
            count={orgProfiles}
            onDone={() => void refreshProfiles()}
            onOpen={(id) => select({ kind: "profile", id }, "test")}
          />
        ) : current ? (
          <ProfileScreen
            key={formKey}
            view={current}
            tab={tab}
            onTab={setTab}
            run={run}
            onRun={(keepTrying) => startRun(current, keepTrying)}
            onSaved={onSaved}
            onChange={updateProfile}
            onError={setNotice}
            scenarios={scenarios}
            onScenario={changeScenario}
            onDirty={(d) => (unsaved.current = d)}
          />
        ) : profiles === null ? (
          // A profile an earlier launch left selected: its screen follows with the list. (A new
          // draft, opened from the welcome screen before the list came, is shown at once above.)
          <p class="muted" role="status">
            Loading…
          </p>
        ) : null}
      </main>
      {leaving ? (
        <ConfirmDialog
          title="Leave without saving?"
          confirmLabel="Leave without saving"
          danger
          onCancel={() => setLeaving(null)}
          onConfirm={() => {
            const go = leaving;
            setLeaving(null);
            go();
          }}
        >
          <p>The changes on this profile's Connection tab are not saved. They are lost if you leave now.</p>
        </ConfirmDialog>
      ) : null}
      {question?.ask.kind === "untrusted_host" ? (
        <UntrustedHostDialog
          host={question.ask.host}
          onConfirm={() => {
            const { view, options } = question;
            setQuestion(null);
            startRun(view, options.keepTrying, { ...options, allowUntrustedHost: true });
          }}
          onCancel={() => setQuestion(null)}
        />
      ) : null}
      {question?.ask.kind === "freeze_risk" ? (
        <FreezeRiskDialog
          risk={question.ask.risk}
          onConfirm={() => {
            const { view, options } = question;
            setQuestion(null);
            startRun(view, options.keepTrying, { ...options, acceptFreezeRisk: true });
          }}
          onCancel={() => setQuestion(null)}
        />
      ) : null}
    </div>
  );
}
