import { api, errorMessage } from "../ipc/client";
import { upsert, useStore } from "../store";
import { useConfirmLeaving, useProfiles } from "./useProfiles";

/** The practice org: start it (welcome screen, sidebar) and change its situation. */
export function usePractice() {
  const store = useStore();
  const { select } = useProfiles();
  const confirmLeaving = useConfirmLeaving();
  const { scenarios, scenario, starting, error } = store.practice;

  async function practice() {
    starting.value = true;
    error.value = null;
    try {
      const view = await api.startPractice(scenario.value);
      upsert(store, view);
      select({ kind: "profile", id: view.profile.id }, "test");
      // Ready to run: the focus goes to "Test connection".
      requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('[data-testid="run-check"]')?.focus());
    } catch (e) {
      const message = errorMessage(e);
      error.value = message;
      store.notice.value = message;
    } finally {
      starting.value = false;
    }
  }

  return {
    scenarios: scenarios.value,
    starting: starting.value,
    error: error.value,
    /** Nothing changes (no practice profile is made) before the admin agrees to leave. */
    start: () => confirmLeaving(() => void practice()),
    /** The situation is saved with the practice profile; a run waits for the save. */
    change: (id: string) => {
      scenario.value = id;
      store.scenarioSaved.current = api
        .startPractice(id)
        .then((view) => upsert(store, view))
        .catch((e: unknown) => {
          store.notice.value = errorMessage(e);
        });
    },
  };
}
