// The Report card: Copy or Save the last run as Markdown or JSON.
import { useReport } from "../hooks/useReport";
import { CopyButton } from "./CopyButton";

/**
 * Copy or save the last finished run as Markdown or JSON (made by Rust: no secret, no token).
 * Both are fetched when the panel appears, so Copy writes within the click: WebKitGTK refuses
 * a clipboard write that waits for an answer first.
 */
export function Report() {
  const { message, texts, saveAs, onCopyError, onCopied } = useReport();


  return (
    <section class="card report" aria-labelledby="report-title" data-testid="report">
      <h2 id="report-title">Report</h2>
      <p class="lead">
        Share this run with a colleague or attach it to a case: the org, the app's key (shortened),
        the Run As user, each step with its timing, the test record and the diagnosis. The secret and
        the token are never in it.
      </p>
      <div class="row">
        {texts ? (
          <>
            <CopyButton testId="report-copy" label="Copy Markdown" value={texts.markdown} onError={onCopyError} onCopied={onCopied} />
            <CopyButton testId="report-copy-json" label="Copy JSON" value={texts.json} onError={onCopyError} onCopied={onCopied} />
          </>
        ) : (
          <span class="hint">Preparing the report…</span>
        )}
        <button
          type="button"
          class="btn btn-small"
          data-testid="report-save-md"
          onClick={() => saveAs("markdown")}
        >
          Save Markdown…
        </button>
        <button
          type="button"
          class="btn btn-small"
          data-testid="report-save-json"
          onClick={() => saveAs("json")}
        >
          Save JSON…
        </button>
      </div>
      <p
        class={`hint ${message?.error ? "hint-error" : ""}`}
        role={message?.error ? "alert" : "status"}
        data-testid="report-message"
      >
        {message?.text ?? ""}
      </p>
    </section>
  );
}
