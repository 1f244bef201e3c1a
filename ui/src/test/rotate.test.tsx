import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it } from "vitest";
import type { ProfileView } from "../ipc/bindings";
import { RotateCredentials } from "../parts/RotateCredentials";
import { diagnosis, fakeBackend, report, view } from "./backend";

function Harness({ initial }: { initial: ProfileView }) {
  const [v, setV] = useState(initial);
  return <RotateCredentials view={v} onSaved={setV} />;
}

describe("Rotate credentials", () => {
  it("stages, checks both pairs, switches, and says what each step proved", async () => {
    const staged = view({ rotation: { staged_client_id: "3MVG9NEWKEY", previous_client_id: "", old_pair_expires_at: null } });
    const switched = view({ client_id: "3MVG9NEWKEY", rotation: { staged_client_id: "", previous_client_id: "3MVG9EXAMPLEKEY", old_pair_expires_at: null } });
    const backend = fakeBackend({
      setup_links: () => [],
      stage_credentials: () => staged,
      check_credentials: ({ set }) => (set === "current" ? report() : report({ ok: false, diagnosis: diagnosis({ title: "The consumer secret is wrong" }) })),
      switch_to_staged: () => switched,
      check_old_refused: () => ({
        refused: true,
        detail: "Salesforce refuses the old pair: the rotation is complete.",
        view: view({ client_id: "3MVG9NEWKEY" }),
      }),
    });
    render(<Harness initial={view()} />);
    fireEvent.click(screen.getByTestId("rotate-toggle"));
    fireEvent.input(screen.getByTestId("rotate-key"), { target: { value: "3MVG9NEWKEY" } });
    fireEvent.input(screen.getByTestId("rotate-secret"), { target: { value: "new-secret" } });
    fireEvent.click(screen.getByTestId("rotate-stage"));
    await waitFor(() => expect(screen.getByTestId("rotate-results").textContent).toContain("staged key is saved"));
    expect(backend.callsTo("stage_credentials")[0]?.args).toEqual({ id: "p1", clientId: "3MVG9NEWKEY", secret: "new-secret" });
    expect((screen.getByTestId("rotate-secret") as HTMLInputElement).value).toBe("");

    fireEvent.click(screen.getByTestId("rotate-check"));
    await waitFor(() => expect(screen.getByTestId("rotate-results").textContent).toContain("Do not switch yet"));
    expect(screen.getByTestId("rotate-results").textContent).toContain("Staged credentials: The consumer secret is wrong");

    fireEvent.click(screen.getByTestId("rotate-switch"));
    await waitFor(() => expect(screen.getByTestId("rotate-results").textContent).toContain("uses the new key"));
    fireEvent.click(screen.getByTestId("rotate-check-old"));
    await waitFor(() => expect(screen.getByTestId("rotate-results").textContent).toContain("rotation is complete"));
    expect((screen.getByTestId("rotate-check-old") as HTMLButtonElement).disabled).toBe(true);
  });
});
