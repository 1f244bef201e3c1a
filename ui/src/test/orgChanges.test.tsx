import { render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { OrgChange } from "../ipc/bindings";
import { OrgChanges } from "../parts/OrgChanges";
import { fakeBackend } from "./backend";

function change(what: OrgChange["what"], at: string, detail = ""): OrgChange {
  return {
    at,
    host: "acme.my.salesforce.com",
    app: "Acme_Sync",
    what,
    client_id: "3MVG9xyzKEY123",
    detail,
  };
}

describe("OrgChanges", () => {
  it("lists what was changed in the org in the admin's words, newest first as the app sends them", async () => {
    const backend = fakeBackend({
      org_changes: () => [
        change("credentials_rotated", "2026-12-05T10:00:00Z"),
        change("fix_deployed", "2026-12-04T10:00:00Z", "clientCredentialsFlowUser: (none) → a@b.c"),
      ],
    });
    render(<OrgChanges profileId="p1" refresh={null} />);
    const items = await screen.findAllByTestId("org-change");
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain("Acme_Sync: switched the app to the new key and secret (new key 3MVG9xyzKEY1…)");
    expect(items[1]?.textContent).toContain("Acme_Sync: changed the app's settings (key 3MVG9xyzKEY1…): clientCredentialsFlowUser");
    expect(screen.getByRole("heading", { name: "Changes made in this org" })).toBeTruthy();
    expect(backend.callsTo("org_changes")[0]?.args).toEqual({ id: "p1" });
  });

  it("shows the newest ten and counts the rest", async () => {
    const many = Array.from({ length: 12 }, (_, i) => change("app_created", `2026-12-05T10:${String(i).padStart(2, "0")}:00Z`));
    fakeBackend({ org_changes: () => many });
    render(<OrgChanges profileId="p1" refresh={null} />);
    expect(await screen.findAllByTestId("org-change")).toHaveLength(10);
    expect(screen.getByTestId("org-changes-more").textContent).toContain("And 2 earlier changes");
  });

  it("shows nothing when nothing was changed", async () => {
    const backend = fakeBackend({ org_changes: () => [] });
    const { container } = render(<OrgChanges profileId="p1" refresh={null} />);
    await waitFor(() => expect(backend.callsTo("org_changes")).toHaveLength(1));
    expect(container.textContent).toBe("");
  });
});
