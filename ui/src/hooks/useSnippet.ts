import { useEffect, useState } from "preact/hooks";
import type { SnippetFormat } from "../ipc/bindings";
import { api, chooseSnippetPath, errorMessage } from "../ipc/client";

/** The token request as code in the format picked, fetched before any click; Save writes it. */
export function useSnippet(profileId: string) {
  const [format, setFormat] = useState<SnippetFormat>("curl");
  const [code, setCode] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    let current = true;
    setCode(null);
    api
      .snippet(profileId, format)
      .then((text) => current && setCode(text))
      .catch((e: unknown) => current && setMessage({ text: errorMessage(e), error: true }));
    return () => {
      current = false;
    };
  }, [profileId, format]);

  async function saveAs() {
    setMessage(null);
    try {
      const path = await chooseSnippetPath(format);
      if (!path) return;
      await api.saveSnippet(profileId, format, path);
      setMessage({
        text: format === "postman" ? `Saved to ${path}, with its environment file beside it.` : `Saved to ${path}`,
        error: false,
      });
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    }
  }

  return { format, setFormat, code, message, setMessage, saveAs };
}
