// Small inline SVG icons (no icon font, nothing remote). Decorative: the text next to them says it.
import type { StepStatus } from "../ipc/bindings";

type Name = StepStatus | "warning" | "edit" | "copy" | "trash" | "plus" | "external" | "check";

const PATHS: Record<Name, string> = {
  pending: "M8 3a5 5 0 1 0 0 10A5 5 0 0 0 8 3Zm0 1.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7Z",
  running: "M8 2.5a5.5 5.5 0 1 0 5.5 5.5h-1.6A3.9 3.9 0 1 1 8 4.1Z",
  passed: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm3.1 4.3-3.8 4.8L4.9 8.4l1-1.1 1.3 1.2 2.8-3.6Z",
  failed: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm2.5 3 1 1L9 8l2.5 2.5-1 1L8 9l-2.5 2.5-1-1L7 8 4.5 5.5l1-1L8 7Z",
  skipped: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM4.5 7.3h7v1.4h-7Z",
  warning: "M8 1.8 15 14H1Zm-.7 4.2v4h1.4V6Zm0 5v1.4h1.4V11Z",
  edit: "m11.2 1.9 2.9 2.9-8.3 8.3H2.9v-2.9Zm0 2.1-6.8 6.8v.8h.8l6.8-6.8Z",
  copy: "M5 1.5h7.5A1.5 1.5 0 0 1 14 3v8.5h-1.5V3H5ZM2 4.5A1.5 1.5 0 0 1 3.5 3h6A1.5 1.5 0 0 1 11 4.5v8A1.5 1.5 0 0 1 9.5 14h-6A1.5 1.5 0 0 1 2 12.5Zm1.5 0v8h6v-8Z",
  trash: "M6 1.5h4l.5 1H14V4H2V2.5h3.5ZM3 5h10l-.8 9.1a1 1 0 0 1-1 .9H4.8a1 1 0 0 1-1-.9Zm1.6 1.5.6 7h5.6l.6-7Z",
  plus: "M7.25 2.5h1.5v4.75h4.75v1.5H8.75v4.75h-1.5V8.75H2.5v-1.5h4.75Z",
  external: "M9 2h5v5h-1.5V4.6L7.8 9.3 6.7 8.2l4.7-4.7H9ZM2 4.5A1.5 1.5 0 0 1 3.5 3H7v1.5H3.5v8h8V9H13v3.5a1.5 1.5 0 0 1-1.5 1.5h-8A1.5 1.5 0 0 1 2 12.5Z",
  check: "m13.3 4.2 1.1 1.1L6.5 13.2 1.9 8.6 3 7.5l3.5 3.5Z",
};

export function Icon({ name, class: cls }: { name: Name; class?: string }) {
  return (
    <svg
      class={`icon icon-${name}${cls ? ` ${cls}` : ""}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}
