// A Copy button with "Copied" (or "Copy failed") beside it.
import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../ipc/client";
import { copyText } from "../lib/clipboard";
import { Icon } from "./Icon";

interface Props {
  /** The text to copy, ready before the click (a write after an await is refused by WebKitGTK). */
  value: string;
  /** Visible button text, e.g. "Copy Markdown". */
  label: string;
  /** Accessible name when the visible label is not enough, e.g. "Copy Callback URL". */
  ariaLabel?: string;
  testId?: string;
  class?: string;
  onError?: (message: string) => void;
  /** The copy worked: an earlier copy error beside it is out of date. */
  onCopied?: () => void;
}

export function CopyButton({ value, label, ariaLabel, testId, class: cls, onError, onCopied }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return undefined;
    const t = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(t);
  }, [state]);

  async function onClick() {
    try {
      await copyText(value);
      setState("copied");
      onCopied?.();
    } catch (e) {
      setState("failed");
      onError?.(errorMessage(e));
    }
  }

  // The feedback sits beside the button, so the button's name stays "Copy …".
  return (
    <>
      <button
        type="button"
        class={`btn btn-small${cls ? ` ${cls}` : ""}`}
        data-testid={testId}
        aria-label={ariaLabel}
        onClick={onClick}
      >
        <Icon name={state === "copied" ? "check" : "copy"} />
        <span>{label}</span>
      </button>
      <span class={`copy-feedback${state === "failed" ? " failed" : ""}`} role="status">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : ""}
      </span>
    </>
  );
}
