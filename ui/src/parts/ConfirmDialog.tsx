// A confirmation dialog ("Delete…?", "Leave without saving?"): Cancel has the focus.
import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";
import { useModal } from "../lib/modal";

interface Props {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation: focus starts on Cancel, Tab stays inside, Escape cancels, focus returns. */
export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onCancel }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  const onKeyDown = useModal(box, cancel, onCancel);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the dialog closes it; Escape is the keyboard's way
    <div class="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={box}
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        onKeyDown={onKeyDown}
      >
        <h2 id="confirm-title">{title}</h2>
        <div id="confirm-body" class="dialog-body">
          {children}
        </div>
        <div class="dialog-actions">
          <button ref={cancel} type="button" class="btn" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            class={`btn ${danger ? "btn-danger" : "btn-primary"}`}
            data-testid="confirm-ok"
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
