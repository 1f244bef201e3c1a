import { useEffect, useState } from "preact/hooks";
import { api, chooseSavePath, errorMessage, type ReportFormat } from "../ipc/client";

/**
 * The last finished run as Markdown and JSON (made by Rust: no secret, no token), fetched at
 * once so Copy writes within the click (WebKitGTK refuses a write that waits first), and Save.
 */
export function useReport() {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [texts, setTexts] = useState<{ markdown: string; json: string } | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([api.lastReport("markdown"), api.lastReport("json")])
      .then(([markdown, json]) => current && setTexts({ markdown, json }))
      .catch((e: unknown) => current && setMessage({ text: errorMessage(e), error: true }));
    return () => {
      current = false;
    };
  }, []);

  async function saveAs(format: ReportFormat) {
    setMessage(null);
    try {
      const path = await chooseSavePath(format);
      if (!path) return; // the admin closed the dialog
      await api.saveReport(path, format);
      setMessage({ text: `Saved to ${path}`, error: false });
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    }
  }

  const onCopyError = (text: string) => setMessage({ text, error: true });
  // A copy that worked leaves no red error of an earlier one beside its "Copied".
  const onCopied = () => setMessage((m) => (m?.error ? null : m));

  return { message, texts, saveAs, onCopyError, onCopied };
}
