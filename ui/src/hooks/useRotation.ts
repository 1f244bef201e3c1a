import { useState } from "preact/hooks";
import type { CheckReport, ProfileView } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";
import { useSetupLinks } from "./useSetupLinks";

export type Line = { ok: boolean; text: string };

function verdict(label: string, report: CheckReport): Line {
  return report.ok
    ? { ok: true, text: `${label}: every step passed.` }
    : { ok: false, text: `${label}: ${report.diagnosis?.title ?? "a step failed"}.` };
}

/** A rotation's steps, each through Rust, with what each proved (`lines`). */
export function useRotation(view: ProfileView, onSaved: (view: ProfileView) => void) {
  const p = view.profile;
  const [key, setKey] = useState("");
  const [secret, setSecret] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<string | null>(null);
  const setupUrl =
    useSetupLinks(view).find((l) => l.url.includes("ManageExternalClientApplication"))?.url ?? null;

  async function step(name: string, work: () => Promise<void>) {
    setBusy(name);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const stage = () =>
    step("stage", async () => {
      onSaved(await api.stageCredentials(p.id, key, secret));
      setSecret("");
      setKey("");
      setLines([{ ok: true, text: "The staged key is saved, its secret is in the system keychain." }]);
    });

  const checkBoth = () =>
    step("check", async () => {
      const current = await api.checkCredentials(p.id, "current");
      const staged = await api.checkCredentials(p.id, "staged");
      const both = current.ok && staged.ok;
      setLines([
        verdict("Current credentials", current),
        verdict("Staged credentials", staged),
        both
          ? { ok: true, text: "Both pairs work: it is safe to switch this profile (and your integration) to the staged one." }
          : { ok: false, text: "Do not switch yet: fix what failed, then check again." },
      ]);
    });

  const switchNow = () =>
    step("switch", async () => {
      onSaved(await api.switchToStaged(p.id));
      setLines([
        {
          ok: true,
          text: "This profile uses the new key and secret now. The old pair is kept: complete the rotation in Setup, then check it is refused.",
        },
      ]);
    });

  const checkOld = () =>
    step("old", async () => {
      const answer = await api.checkOldRefused(p.id);
      setLines([{ ok: answer.refused, text: answer.detail }]);
      onSaved(answer.view);
    });

  return { key, setKey, secret, setSecret, busy, lines, error, setupUrl, stage, checkBoth, switchNow, checkOld };
}
