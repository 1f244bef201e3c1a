import { describe, expect, it } from "vitest";
import { createStore, replaceAll, upsert } from "../store";
import { view } from "./backend";

// The sources as text: the rules below are about where code lives.
const parts = import.meta.glob<string>(["../parts/*.tsx", "../screens/*.tsx", "../App.tsx"], {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("where IPC is called", () => {
  it("is never in a screen or a part: only hooks and ipc/client.ts call Rust", () => {
    expect(Object.keys(parts).length).toBeGreaterThan(20);
    expect(Object.values(parts).every((text) => text.includes("export function"))).toBe(true);
    const calling = Object.entries(parts)
      .filter(([, text]) => /\bapi\.|@tauri-apps\/api|\bopenExternal\(|\bchoose(SavePath|SnippetPath|Certificate)\(/.test(text))
      .map(([path]) => path);
    expect(calling).toEqual([]);
  });

  it("App loads only the welcome screen with the first paint; the others come when first shown", () => {
    const app = parts["../App.tsx"] ?? "";
    const staticScreens = [...app.matchAll(/^import .* from "\.\/screens\/(\w+)";$/gm)].map((m) => m[1]);
    expect(staticScreens).toEqual(["Welcome"]);
    expect(app).toContain('import("./screens/ProfileScreen")');
    expect(app).toContain('import("./screens/EveryProfileCheck")');
  });
});

describe("the profile store", () => {
  it("replaces a profile Rust answered for, and adds a new one at the end", () => {
    const store = createStore();
    replaceAll(store, [view(), view({ id: "p2", name: "Acme UAT" })]);
    upsert(store, view({ name: "Acme production (renamed)" }));
    upsert(store, view({ id: "p3", name: "Acme dev" }));
    expect(store.profiles.value?.map((v) => v.profile.name)).toEqual([
      "Acme production (renamed)",
      "Acme UAT",
      "Acme dev",
    ]);
  });

  it("keeps a profile made while the saved list was on its way (the practice org)", () => {
    const store = createStore();
    upsert(store, view({ id: "practice", name: "Practice org", practice: true }));
    replaceAll(store, [view()]);
    expect(store.profiles.value?.map((v) => v.profile.id)).toEqual(["p1", "practice"]);
  });

  it("shows the selected profile, or the draft while one is open", () => {
    const store = createStore();
    replaceAll(store, [view(), view({ id: "p2", name: "Acme UAT" })]);
    store.selection.value = { kind: "profile", id: "p2" };
    expect(store.current.value?.profile.name).toBe("Acme UAT");
    store.draft.value = view({ id: "", name: "My org" });
    store.selection.value = { kind: "draft" };
    expect(store.current.value?.profile.name).toBe("My org");
  });
});
