import { useState } from "preact/hooks";
import { toIpcError } from "../ipc/client";
import { UntrustedHostDialog } from "../parts/UntrustedHostDialog";

/**
 * The host to confirm when Rust refused a command because the domain is neither Salesforce nor
 * loopback (it sent nothing), else null. Rust decides, once per run: the UI never parses.
 */
export function untrustedHostOf(e: unknown): string | null {
  const { detail } = toIpcError(e);
  return detail.kind === "untrusted_host" ? detail.host : null;
}

interface Asked {
  host: string;
  /** The same action again, allowed to send to `host` this once. */
  retry: () => void;
}

/**
 * The one confirm before the credentials go to a host that is neither Salesforce nor loopback
 * (a run, or a record look-up). Rust refuses first and sends nothing; the admin confirms, and
 * the action runs again allowing it, for that one action.
 */
export function useUntrustedHost(confirmLabel?: string) {
  const [asked, setAsked] = useState<Asked | null>(null);
  return {
    /** A question is open: only its answer may start the action again. */
    asking: asked !== null,
    ask: (host: string, retry: () => void) => setAsked({ host, retry }),
    dialog: asked ? (
      <UntrustedHostDialog
        host={asked.host}
        {...(confirmLabel ? { confirmLabel } : {})}
        onConfirm={() => {
          setAsked(null);
          asked.retry();
        }}
        onCancel={() => setAsked(null)}
      />
    ) : null,
  };
}
