// The sidebar: the brand, the saved profiles, "Check every profile" and "Try without an org",
// and About ECA Preflight.
import { useState } from "preact/hooks";
import { usePractice } from "../hooks/usePractice";
import { useProfiles } from "../hooks/useProfiles";
import { useRun } from "../hooks/useRun";
import { Lazy, loader } from "../lib/lazy";
import { isPractice } from "../lib/profile";
import { ProfileList } from "./ProfileList";

const about = loader(() => import("../screens/About").then((m) => m.About));

interface Props {
  /** The welcome screen is up: it has its own practice start (one at a time). */
  welcome: boolean;
}

export function Sidebar({ welcome }: Props) {
  const profiles = useProfiles();
  const practice = usePractice();
  const run = useRun();
  const [aboutOpen, setAboutOpen] = useState(false);
  const { selection } = profiles;
  const orgProfiles = (profiles.profiles ?? []).filter((v) => !isPractice(v.profile)).length;

  return (
    <aside class="sidebar">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">
          ✓
        </span>
        <span class="brand-name">ECA Preflight</span>
      </div>
      <ProfileList
        profiles={profiles.profiles}
        selectedId={selection.kind === "profile" ? selection.id : null}
        onSelect={(id) => profiles.select({ kind: "profile", id }, "test")}
        onNew={profiles.newDraft}
        onRename={profiles.rename}
        onDuplicate={profiles.duplicate}
        onDelete={profiles.remove}
        busy={run.state.running}
      />
      {profiles.profiles === null || welcome ? null : (
        <div class="sidebar-foot">
          {orgProfiles > 1 ? (
            <button
              type="button"
              class="btn btn-small btn-block"
              data-testid="every-check-open"
              disabled={run.state.running || selection.kind === "every"}
              onClick={() => profiles.select({ kind: "every" })}
            >
              Check every profile
            </button>
          ) : null}
          <button
            type="button"
            class="btn btn-small btn-block"
            data-testid="practice-start"
            disabled={practice.starting}
            onClick={practice.start}
          >
            {practice.starting ? "Starting…" : "Try without an org"}
          </button>
        </div>
      )}
      <div class="sidebar-about">
        <button
          type="button"
          class="btn btn-small btn-block"
          data-testid="about-open"
          onMouseEnter={() => void about.preload()}
          onClick={() => setAboutOpen(true)}
        >
          About ECA Preflight
        </button>
      </div>
      {aboutOpen ? <Lazy loader={about} props={{ onClose: () => setAboutOpen(false) }} fallback={null} /> : null}
    </aside>
  );
}
