import { useEffect, useState } from "preact/hooks";
import type { DomainPreview } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";

/** What Rust's parser understands of the typed My Domain (one source of truth), as it is typed. */
export function useDomainPreview(input: string, onPreview?: (preview: DomainPreview | null) => void) {
  const [preview, setPreview] = useState<DomainPreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the typed input is the trigger; onPreview is a new closure each render
  useEffect(() => {
    let current = true;
    if (input.trim() === "") {
      setPreview(null);
      setFailure(null);
      onPreview?.(null);
      return undefined;
    }
    api
      .parseDomain(input)
      .then((p) => {
        if (!current) return; // an older keystroke answered late
        setPreview(p);
        setFailure(null);
        onPreview?.(p);
      })
      .catch((e: unknown) => {
        if (!current) return;
        setPreview(null);
        setFailure(errorMessage(e));
        onPreview?.(null);
      });
    return () => {
      current = false;
    };
  }, [input]);

  return { preview, failure };
}
