// The window: the sidebar beside the main area, which shows one screen at a time (SCREENS).
// App lays out and routes; the screens and parts get their data and actions from hooks.
import type { ComponentType } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef } from "preact/hooks";
import { useLaunch } from "./hooks/useLaunch";
import { recalled, useProfiles } from "./hooks/useProfiles";
import { RunProvider } from "./hooks/useRun";
import { Lazy, loader } from "./lib/lazy";
import { LeaveDialog } from "./parts/LeaveDialog";
import { Notice } from "./parts/Notice";
import { RunQuestions } from "./parts/RunQuestions";
import { Sidebar } from "./parts/Sidebar";
import { WelcomeScreen } from "./screens/Welcome";
import { createStore, StoreContext, useStore } from "./store";

const profileScreen = loader(() => import("./screens/ProfileScreen").then((m) => m.CurrentProfileScreen));
const everyProfileCheck = loader(() => import("./screens/EveryProfileCheck").then((m) => m.EveryProfileCheckScreen));

function ProfileScreen() {
  return <Lazy loader={profileScreen} props={{}} />;
}

function EveryProfileCheck() {
  return <Lazy loader={everyProfileCheck} props={{}} />;
}

function Loading() {
  return (
    <p class="muted" role="status">
      Loading…
    </p>
  );
}

/** Every screen of the main area. */
const SCREENS = {
  welcome: WelcomeScreen,
  profile: ProfileScreen,
  every: EveryProfileCheck,
  // A profile an earlier launch left selected: its screen follows with the list.
  loading: Loading,
} satisfies Record<string, ComponentType>;

type ScreenId = keyof typeof SCREENS;

export function App() {
  const store = useMemo(createStore, []);
  return (
    <StoreContext.Provider value={store}>
      <RunProvider>
        <Window />
      </RunProvider>
    </StoreContext.Provider>
  );
}

function Window() {
  const store = useStore();
  const { profiles, current, selection } = useProfiles();
  const { loadError, closing } = useLaunch();
  // The welcome screen paints at once, before the saved profiles arrive, unless an earlier
  // launch left a profile selected (then that profile's screen follows, and the welcome screen
  // would only flash).
  const firstLaunch = useRef(recalled() === null);
  // A profile's screen is likely next (an earlier launch's, a new one, the practice org): it
  // loads right after the first paint, so it is there by the time it is picked.
  useEffect(() => void profileScreen.preload(), []);
  const screen: ScreenId =
    selection.kind === "every"
      ? "every"
      : current
        ? "profile"
        : profiles !== null || firstLaunch.current
          ? "welcome"
          : "loading";
  const Screen = SCREENS[screen];

  const main = useRef<HTMLElement>(null);
  const screenKey = store.screenKey.value;
  // Another screen opens at its top (the page keeps its scroll otherwise: a new form would
  // open with its title and tabs scrolled out of view).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new screen (screenKey) is the trigger
  useLayoutEffect(() => {
    if (main.current) main.current.scrollTop = 0;
  }, [screenKey]);

  return (
    // "app-ready" once the saved profiles are known: end-to-end tests wait for it.
    <div class="app" data-testid={profiles === null ? "app-loading" : "app-ready"}>
      <Sidebar welcome={screen === "welcome"} />
      {closing ? (
        <div
          class="closing-overlay"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="closing-title"
          data-testid="closing"
        >
          <div class="card">
            <h2 id="closing-title">Cleaning up…</h2>
            <p>ECA Preflight deletes the test record and revokes the token before it closes.</p>
          </div>
        </div>
      ) : null}
      <main class="main" id="main" ref={main}>
        <Notice />
        {loadError ? (
          <p class="hint hint-error" role="alert">
            The saved profiles could not be read: {loadError}
          </p>
        ) : null}
        {/* Keyed by the screen shown: picking another profile starts its form afresh. */}
        <Screen key={screenKey} />
      </main>
      <LeaveDialog />
      <RunQuestions />
    </div>
  );
}
