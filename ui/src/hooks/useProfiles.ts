import type { Profile, ProfileView } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";
import type { TabId } from "../parts/Tabs";
import { type Selection, show, upsert, useStore } from "../store";
import { useRun } from "./useRun";

const SELECTED_KEY = "eca-preflight.selected";

/** The profile an earlier launch left selected. */
export function recalled(): string | null {
  try {
    return localStorage.getItem(SELECTED_KEY);
  } catch {
    return null;
  }
}

function remember(id: string | null) {
  try {
    if (id) localStorage.setItem(SELECTED_KEY, id);
    else localStorage.removeItem(SELECTED_KEY);
  } catch {
    // Storage may be unavailable; the selection is a convenience only.
  }
}

/** Runs `leave` now, or once the admin confirms dropping the Connection tab's unsaved edits. */
export function useConfirmLeaving(): (leave: () => void) => void {
  const store = useStore();
  return (leave) => {
    if (!store.unsaved.current) {
      leave();
      return;
    }
    store.leaving.value = () => {
      store.unsaved.current = false;
      leave();
    };
  };
}

/** The saved profiles, the one shown, and what the admin can do to them (each through Rust). */
export function useProfiles() {
  const store = useStore();
  const run = useRun();
  const confirmLeaving = useConfirmLeaving();

  function select(next: Selection, tab?: TabId) {
    const now = store.selection.value;
    const same =
      (next.kind === "profile" && now.kind === "profile" && now.id === next.id) ||
      (next.kind === "draft" && now.kind === "draft");
    if (store.unsaved.current && !same) {
      confirmLeaving(() => select(next, tab));
      return;
    }
    show(store, next, tab);
    remember(next.kind === "profile" ? next.id : null);
  }

  /** A new profile form with Rust's defaults and a free name. */
  async function newDraft() {
    try {
      store.draft.value = await api.newProfile();
      select({ kind: "draft" }, "connection");
    } catch (e) {
      store.notice.value = errorMessage(e);
    }
  }

  /** Rust's answer after a save: the list updates, and a saved draft becomes that profile. */
  function onSaved(view: ProfileView) {
    upsert(store, view);
    if (store.selection.value.kind === "draft") {
      store.draft.value = null;
      store.selection.value = { kind: "profile", id: view.profile.id };
      remember(view.profile.id);
    }
  }

  async function update(profile: Profile) {
    const shown = store.current.value;
    if (shown?.draft) {
      store.draft.value = { ...shown, profile };
      return;
    }
    onSaved(await api.saveProfile(profile));
  }

  async function rename(view: ProfileView, name: string) {
    onSaved(await api.saveProfile({ ...view.profile, name }));
  }

  async function duplicate(view: ProfileView, copySecret: boolean) {
    const copy = await api.duplicateProfile(view.profile.id, copySecret);
    upsert(store, copy);
    select({ kind: "profile", id: copy.profile.id }, "connection");
  }

  async function remove(view: ProfileView) {
    await api.deleteProfile(view.profile.id);
    // The list itself follows Rust's profiles-changed event.
    if (run.state.profileId === view.profile.id) run.reset();
    if (store.selection.value.kind === "profile" && store.selection.value.id === view.profile.id) {
      const next = store.profiles.value?.find((v) => v.profile.id !== view.profile.id);
      select(next ? { kind: "profile", id: next.profile.id } : { kind: "welcome" });
    }
  }

  return {
    /** null while the saved profiles are on their way. */
    profiles: store.profiles.value,
    current: store.current.value,
    selection: store.selection.value,
    tab: store.tab.value,
    setTab: (tab: TabId) => {
      store.tab.value = tab;
    },
    /** Unsaved edits on the Connection tab. */
    setUnsaved: (dirty: boolean) => {
      store.unsaved.current = dirty;
    },
    showNotice: (message: string) => {
      store.notice.value = message;
    },
    select,
    newDraft,
    onSaved,
    update,
    rename,
    duplicate,
    remove,
  };
}
