// "Your browser did not open": the address, with a Copy button, right beside the link the
// admin pressed (a notice at the top of a scrolled page would go unseen).

import type { ExternalLink } from "../hooks/useExternalLink";
import { CopyButton } from "./CopyButton";

interface Props {
  link: ExternalLink;
  /** Only the notice of this address (a list of links shows it under the one pressed). */
  url?: string;
}

export function LinkNotice({ link, url }: Props) {
  const { failed } = link;
  if (failed === null || (url !== undefined && url !== failed)) return null;
  return (
    <div class="notice notice-link" role="alert" data-testid="link-notice">
      <span>
        Your browser did not open. Open this address yourself:{" "}
        <code class="mono" data-testid="link-notice-url">
          {failed}
        </code>
      </span>
      <CopyButton testId="link-notice-copy" label="Copy link" value={failed} />
      <button type="button" class="icon-btn" aria-label="Dismiss" onClick={link.dismiss}>
        ×
      </button>
    </div>
  );
}
