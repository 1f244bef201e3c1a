import { listen } from "@tauri-apps/api/event";
import { useEffect, useState } from "preact/hooks";
import { api, errorMessage } from "../ipc/client";
import { isPractice } from "../lib/profile";
import { DEFAULT_SCENARIO, followProfiles, replaceAll, useStore } from "../store";
import { recalled } from "./useProfiles";
import { useRun } from "./useRun";

/**
 * What the app reads once at launch: the saved profiles (and the one an earlier launch left
 * selected), the practice situations, a damaged profile file, the last run. Returns the load
 * error, and whether the window is closing (it cleans up a run first).
 */
export function useLaunch(): { loadError: string | null; closing: boolean } {
  const store = useStore();
  const run = useRun();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, at launch
  useEffect(() => {
    // From now on the list is what Rust sends when a command changes it.
    const following = followProfiles(store);
    // A damaged profile file was kept aside at launch: say so once.
    api.storeProblem().then(
      (problem) => {
        if (problem) store.notice.value = problem;
      },
      () => undefined,
    );
    // The last run of an earlier launch is shown again (its report too).
    api.lastRun().then(
      (saved) => saved && run.restore(saved.profile_id, saved.report),
      () => undefined,
    );
    api
      .listProfiles()
      .then((list) => {
        replaceAll(store, list);
        // The practice org runs the situation its profile was left on.
        const practice = list.find((v) => isPractice(v.profile))?.profile.target;
        if (practice?.kind === "practice") store.practice.scenario.value = practice.scenario;
        const want = recalled();
        const pick = list.find((v) => v.profile.id === want) ?? list[0];
        // Only while nothing was picked yet: a click on the welcome screen wins.
        if (pick && store.selection.value.kind === "welcome") {
          store.selection.value = { kind: "profile", id: pick.profile.id };
        }
      })
      .catch((e: unknown) => {
        store.profiles.value = [];
        setLoadError(errorMessage(e));
      });
    api
      .practiceScenarios()
      .then((list) => {
        store.practice.scenarios.value = list;
        const first = list[0];
        if (first && !list.some((s) => s.id === DEFAULT_SCENARIO)) store.practice.scenario.value = first.id;
      })
      .catch(() => {
        store.practice.scenarios.value = [];
      });
    // The window was closed during a run: the app cleans up, then closes itself.
    const stop = listen("closing", () => setClosing(true));
    return () => {
      for (const listening of [following, stop]) void listening.then((unlisten) => unlisten()).catch(() => undefined);
    };
  }, []);

  return { loadError, closing };
}
