import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { Leftover } from "../ipc/bindings";
import { Leftovers } from "../parts/Leftovers";
import { fakeBackend } from "./backend";

const LEFT: Leftover = {
  marker: "epf-k3x9q2ab",
  profile_id: "p1",
  host: "acme.my.salesforce.com",
  object: "Account",
  api_version: "68.0",
  name_field: "Name",
  name_value: "ECA Preflight test 2026-12-01T14:02:00Z [epf-k3x9q2ab]",
  record_id: "001000000000001AAA",
  started_at: "2026-12-01T14:02:00Z",
};

describe("Leftovers", () => {
  it("offers a record a run left and deletes it on request", async () => {
    let left = [LEFT];
    const backend = fakeBackend({
      leftovers: () => left,
      clean_leftovers: () => {
        const done = left.map((leftover) => ({ leftover, cleaned: { kind: "deleted" as const, ids: [leftover.record_id ?? ""] }, error: null }));
        left = [];
        return done;
      },
    });
    render(<Leftovers profileId="p1" refresh={null} disabled={false} />);
    const item = await screen.findByTestId("leftover");
    expect(item.textContent).toContain("acme.my.salesforce.com: Account 001000000000001AAA");
    fireEvent.click(screen.getByTestId("leftovers-delete"));
    await waitFor(() => expect(screen.getByTestId("leftovers-message").textContent).toBe("The test record is deleted."));
    expect(backend.callsTo("clean_leftovers")[0]?.args).toEqual({ id: "p1" });
    await waitFor(() => expect(screen.queryByTestId("leftover")).toBeNull());
  });

  it("says why a record could not be deleted and keeps offering it", async () => {
    fakeBackend({
      leftovers: () => [LEFT],
      clean_leftovers: () => [{ leftover: LEFT, cleaned: null, error: "The Run As user may not delete the test record." }],
    });
    render(<Leftovers profileId="p1" refresh={null} disabled={false} />);
    fireEvent.click(await screen.findByTestId("leftovers-delete"));
    expect((await screen.findByRole("alert")).textContent).toContain("may not delete");
    expect(screen.getByTestId("leftover")).toBeTruthy();
  });

  it("shows nothing when nothing was left", async () => {
    const backend = fakeBackend({ leftovers: () => [] });
    const { container } = render(<Leftovers profileId="p1" refresh={null} disabled={false} />);
    await waitFor(() => expect(backend.callsTo("leftovers")).toHaveLength(1));
    expect(container.textContent).toBe("");
  });
});
