// The Setup guide tab: the steps to create the External Client App, each with its values to
// copy, its Setup page, and a tick.
import { useState } from "preact/hooks";
import { useExternalLink } from "../hooks/useExternalLink";
import { useSetupLinks } from "../hooks/useSetupLinks";
import type { Profile, ProfileView, SetupLink } from "../ipc/bindings";
import { errorMessage } from "../ipc/client";
import { isPractice } from "../lib/profile";
import { boldRuns, GUIDE, type GuideStep } from "../lib/setupGuide";
import { CopyButton } from "./CopyButton";
import { Icon } from "./Icon";
import { LinkNotice } from "./LinkNotice";

interface Props {
  view: ProfileView;
  /** Saves the ticks (a draft keeps them until the profile is saved). */
  onChange: (profile: Profile) => Promise<void>;
  onError: (message: string) => void;
}

function Rich({ text }: { text: string }) {
  return (
    <>
      {boldRuns(text).map((r, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one fixed text
        r.bold ? <strong key={i}>{r.text}</strong> : r.text,
      )}
    </>
  );
}

export function linkFor(step: GuideStep, links: SetupLink[]): SetupLink | undefined {
  return links.find((l) => l.step === step.id);
}

export function SetupGuide({ view, onChange, onError }: Props) {
  const { profile } = view;
  const links = useSetupLinks(view);
  // A refused copy is said beside its button (the page may be scrolled far from its top), and
  // a copy that works clears it.
  const [copyError, setCopyError] = useState<{ value: string; text: string } | null>(null);
  const done = new Set(profile.setup_done);

  async function toggle(id: string, on: boolean) {
    const next = GUIDE.map((s) => s.id).filter((s) => (s === id ? on : done.has(s)));
    // Keep ids this version does not know (a newer guide may have written them).
    const unknown = profile.setup_done.filter((s) => !GUIDE.some((g) => g.id === s));
    try {
      await onChange({ ...profile, setup_done: [...next, ...unknown] });
    } catch (e) {
      onError(errorMessage(e));
    }
  }

  const external = useExternalLink();
  const open = external.open;

  const count = GUIDE.filter((s) => done.has(s.id)).length;
  const noLinks = links.length === 0;

  return (
    <section class="guide" aria-labelledby="guide-title">
      <header class="guide-head">
        <h2 id="guide-title">Set up the External Client App</h2>
        <p class="lead">
          Follow these steps in your org's Setup, then tick each one. Your progress is saved with
          this profile.
        </p>
        <div class="progress-line">
          <progress
            max={GUIDE.length}
            value={count}
            aria-labelledby="guide-progress"
            data-testid="guide-progress"
          />
          <span id="guide-progress">
            {count} of {GUIDE.length} steps done
          </span>
        </div>
        {noLinks ? (
          <p class="hint" data-testid="guide-no-links">
            {isPractice(profile)
              ? "The practice org has no Setup pages: read along to learn the steps."
              : "Enter and save your My Domain on the Connection tab to get buttons that open each Setup page in your org."}
          </p>
        ) : null}
      </header>
      <ol class="guide-steps">
        {GUIDE.map((step, index) => {
          const checked = done.has(step.id);
          const link = linkFor(step, links);
          const titleId = `guide-${step.id}-title`;
          return (
            <li
              key={step.id}
              class={`guide-step ${checked ? "is-done" : ""}`}
              data-testid={`guide-step-${step.id}`}
              aria-labelledby={titleId}
            >
              <div class="guide-step-head">
                <input
                  type="checkbox"
                  id={`guide-${step.id}`}
                  data-testid={`guide-tick-${step.id}`}
                  checked={checked}
                  onChange={(e) => toggle(step.id, (e.target as HTMLInputElement).checked)}
                />
                <label for={`guide-${step.id}`} id={titleId} class="guide-step-title">
                  <span class="guide-num">{index + 1}.</span> {step.title}
                </label>
              </div>
              <ol class="guide-actions">
                {step.actions.map((a, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
                  <li key={i}>
                    <Rich text={a} />
                  </li>
                ))}
              </ol>
              {step.note ? <p class="hint">{step.note}</p> : null}
              {step.copy.length > 0 ? (
                <ul class="copy-values" aria-label="Values to paste into Salesforce">
                  {step.copy.map((c) => (
                    <li key={c.value}>
                      <span class="copy-label">{c.label}</span>
                      <code>{c.value}</code>
                      <CopyButton
                        value={c.value}
                        label="Copy"
                        ariaLabel={`Copy ${c.label}: ${c.value}`}
                        onError={(text) => setCopyError({ value: c.value, text })}
                        onCopied={() => setCopyError(null)}
                      />
                      {copyError?.value === c.value ? (
                        <p class="hint hint-error" role="alert" data-testid="guide-copy-error">
                          {copyError.text}
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {link ? (
                <button
                  type="button"
                  class="btn btn-small"
                  data-testid={`guide-open-${step.id}`}
                  onClick={() => open(link.url)}
                >
                  <Icon name="external" />
                  <span>Open {link.label}</span>
                </button>
              ) : null}
              {link ? <LinkNotice link={external} url={link.url} /> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
