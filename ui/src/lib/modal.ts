import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";

/**
 * What every modal here does: focus `first` on open and give it back on close; Escape closes;
 * Tab and Shift+Tab stay among the box's enabled buttons. Returns the box's keydown handler.
 */
export function useModal(
  box: RefObject<HTMLElement>,
  first: RefObject<HTMLElement>,
  onClose: () => void,
): (e: KeyboardEvent) => void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves in once, when the dialog opens, and back when it closes
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    first.current?.focus();
    return () => previous?.focus?.();
  }, []);

  return (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !box.current) return;
    const items = Array.from(box.current.querySelectorAll<HTMLElement>("button:not([disabled])"));
    const head = items[0];
    const last = items[items.length - 1];
    if (!head || !last) return;
    if (e.shiftKey && document.activeElement === head) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      head.focus();
    }
  };
}
