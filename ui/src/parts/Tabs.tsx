// The Test / Connection / Setup guide tabs of a profile.
import type { ComponentChildren } from "preact";

export type TabId = "test" | "connection" | "guide";

const TABS: { id: TabId; label: string }[] = [
  { id: "test", label: "Test" },
  { id: "connection", label: "Connection" },
  { id: "guide", label: "Setup guide" },
];

interface Props {
  active: TabId;
  onChange: (id: TabId) => void;
  panels: Record<TabId, ComponentChildren>;
}

/**
 * WAI-ARIA tabs with automatic activation: arrow keys, Home and End move between tabs; only the
 * active tab is in the Tab order. Inactive panels stay mounted (hidden) so a run or a half-typed
 * form survives switching tabs.
 */
export function Tabs({ active, onChange, panels }: Props) {
  function onKeyDown(e: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === active);
    let next = -1;
    if (e.key === "ArrowRight") next = (i + 1) % TABS.length;
    else if (e.key === "ArrowLeft") next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = TABS.length - 1;
    const id = TABS[next]?.id;
    if (id === undefined) return;
    e.preventDefault();
    onChange(id);
    document.getElementById(`tab-${id}`)?.focus();
  }

  return (
    <>
      <div class="tabs" role="tablist" aria-label="Profile sections" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            data-testid={`tab-${t.id}`}
            aria-selected={t.id === active}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === active ? 0 : -1}
            class={`tab ${t.id === active ? "is-active" : ""}`}
            onClick={() => onChange(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`panel-${t.id}`}
          aria-labelledby={`tab-${t.id}`}
          hidden={t.id !== active}
          class="panel"
        >
          {panels[t.id]}
        </div>
      ))}
    </>
  );
}
