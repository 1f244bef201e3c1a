// The app's one store: the saved profiles as Rust last sent them, the unsaved draft, and what
// the admin has selected. Components read it through hooks (hooks/useProfiles). The list follows
// Rust's `profiles-changed` event (followProfiles); hooks add only a command's own answer, so
// the screen can show it before the event arrives.
import { batch, computed, type ReadonlySignal, type Signal, signal } from "@preact/signals";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { PROFILES_CHANGED, type ProfileView, type ScenarioInfo } from "./ipc/bindings";
import type { TabId } from "./parts/Tabs";

/** The screen shown in the main area. */
export type Selection = { kind: "welcome" } | { kind: "draft" } | { kind: "profile"; id: string } | { kind: "every" };

export const DEFAULT_SCENARIO = "healthy";

export interface Store {
  /** null while the saved profiles are on their way. */
  profiles: Signal<ProfileView[] | null>;
  /** A new profile not saved yet (Rust's defaults and a free name). */
  draft: Signal<ProfileView | null>;
  selection: Signal<Selection>;
  tab: Signal<TabId>;
  /** Changes only when the admin picks another screen: the form remounts, the page scrolls up. */
  screenKey: Signal<number>;
  /** The profile shown: the draft, or the selected saved one. */
  current: ReadonlySignal<ProfileView | null>;
  /** A message for the whole window (a damaged profile file, a failed save…). */
  notice: Signal<string | null>;
  /** The Connection tab holds unsaved edits: leaving the profile asks first. */
  unsaved: { current: boolean };
  /** What happens once the admin confirms leaving unsaved edits; null when nobody asks. */
  leaving: Signal<(() => void) | null>;
  /** The practice org: its situations, and its start from the welcome screen or the sidebar. */
  practice: {
    scenarios: Signal<ScenarioInfo[]>;
    /** The situation a newly started practice org meets. */
    scenario: Signal<string>;
    starting: Signal<boolean>;
    error: Signal<string | null>;
  };
  /** The last practice-situation change, which a run must not overtake. */
  scenarioSaved: { current: Promise<void> };
}

export function createStore(): Store {
  const profiles = signal<ProfileView[] | null>(null);
  const draft = signal<ProfileView | null>(null);
  const selection = signal<Selection>({ kind: "welcome" });
  const current = computed(() => {
    const s = selection.value;
    if (s.kind === "draft") return draft.value;
    if (s.kind === "profile") return profiles.value?.find((v) => v.profile.id === s.id) ?? null;
    return null;
  });
  return {
    profiles,
    draft,
    selection,
    tab: signal<TabId>("test"),
    screenKey: signal(0),
    current,
    notice: signal<string | null>(null),
    unsaved: { current: false },
    leaving: signal<(() => void) | null>(null),
    practice: {
      scenarios: signal<ScenarioInfo[]>([]),
      scenario: signal(DEFAULT_SCENARIO),
      starting: signal(false),
      error: signal<string | null>(null),
    },
    scenarioSaved: { current: Promise.resolve() },
  };
}

/** Every list Rust sends after a command changed the profiles (a save, a secret, a run…). */
export function followProfiles(store: Store): Promise<UnlistenFn> {
  return listen<ProfileView[]>(PROFILES_CHANGED, (event) => {
    store.profiles.value = event.payload;
  });
}

/** Rust's answer for one profile replaces the shown one, or joins the list. */
export function upsert(store: Store, view: ProfileView) {
  const list = store.profiles.value ?? [];
  const i = list.findIndex((v) => v.profile.id === view.profile.id);
  store.profiles.value = i < 0 ? [...list, view] : list.map((v, j) => (j === i ? view : v));
}

/** The list as Rust read it; a profile made while it was on its way (practice) is kept. */
export function replaceAll(store: Store, list: ProfileView[]) {
  const shown = store.profiles.value;
  store.profiles.value =
    shown === null ? list : [...list, ...shown.filter((v) => !list.some((l) => l.profile.id === v.profile.id))];
}

/** Shows another screen (no question asked: see useProfiles().select). */
export function show(store: Store, next: Selection, tab?: TabId) {
  batch(() => {
    store.selection.value = next;
    store.screenKey.value++;
    if (tab) store.tab.value = tab;
    store.notice.value = null;
  });
}

export const StoreContext = createContext<Store | null>(null);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (store === null) throw new Error("useStore outside <App>");
  return store;
}
