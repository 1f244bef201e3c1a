import type { ComponentChildren, ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

/** A screen's module, fetched on first use (or ahead, by `preload`). */
export interface Loader<P> {
  preload: () => Promise<ComponentType<P>>;
  /** Set once the module is here: the screen then renders at once. */
  loaded: () => ComponentType<P> | null;
}

export function loader<P>(load: () => Promise<ComponentType<P>>): Loader<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return {
    preload: () => {
      loading ??= load().then((c) => {
        loaded = c;
        return c;
      });
      return loading;
    },
    loaded: () => loaded,
  };
}

interface Props<P> {
  loader: Loader<P>;
  props: P;
  fallback?: ComponentChildren;
}

/**
 * A screen loaded on first use, so the first paint carries only what it shows. Until its module
 * is here the screen's place says it is loading.
 */
export function Lazy<P extends object>({ loader: screen, props, fallback }: Props<P>) {
  const [, setReady] = useState(screen.loaded() !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when first shown
  useEffect(() => {
    // The module may have arrived between the render and this effect (a hover preloads it just
    // before the click): render again then too, or the fallback would stay.
    if (screen.loaded() !== null) setReady(true);
    else void screen.preload().then(() => setReady(true));
  }, []);
  const Screen = screen.loaded();
  if (Screen) return <Screen {...props} />;
  if (fallback !== undefined) return fallback;
  return (
    <p class="muted" role="status">
      Loading…
    </p>
  );
}
