import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it } from "vitest";
import type { Profile, ProfileView } from "../ipc/bindings";
import { ConnectionForm } from "../parts/ConnectionForm";
import { fakeBackend, profile, view, viewOf } from "./backend";

const SECRET = "S3cr3t-Consumer-Value-9QRS";

/** The form as App uses it: the parent keeps Rust's latest answer. */
function Harness({ initial }: { initial: ProfileView }) {
  const [v, setV] = useState(initial);
  return <ConnectionForm view={v} onSaved={setV} onOpenGuide={() => {}} />;
}

function secretNowhereInPage() {
  expect(document.body.innerHTML).not.toContain(SECRET);
  for (const el of Array.from(document.querySelectorAll("input"))) {
    expect(el.value).not.toContain(SECRET);
  }
}

const parse = () => ({ ok: true, domain: null, error: null });

describe("the consumer secret field is write-only", () => {
  it("stores the secret, clears the input and shows only the keychain status", async () => {
    const backend = fakeBackend({
      parse_domain: parse,
      save_secret: ({ id }) => viewOf(profile({ id }), { stored: true, last4: "9QRS" }),
    });
    render(<Harness initial={view({}, false)} />);
    expect(screen.getByTestId("secret-status").textContent).toBe("No consumer secret in the keychain yet.");
    // E2E tests wait for /stored/ to know the save finished: the empty state must not match it.
    expect(screen.getByTestId("secret-status").textContent).not.toMatch(/stored/i);
    const input = screen.getByTestId("profile-secret") as HTMLInputElement;
    expect(input.type).toBe("password");
    fireEvent.input(input, { target: { value: SECRET } });
    fireEvent.click(screen.getByTestId("save-secret"));

    await waitFor(() =>
      expect(screen.getByTestId("secret-status").textContent).toBe(
        "Secret stored in the system keychain (…9QRS)",
      ),
    );
    expect(backend.callsTo("save_secret")[0]?.args).toEqual({ id: "p1", secret: SECRET });
    expect(screen.queryByTestId("profile-secret")).toBeNull();
    expect(screen.getByTestId("replace-secret")).toBeTruthy();
    expect(screen.getByTestId("forget-secret")).toBeTruthy();
    secretNowhereInPage();
    // Replacing starts from an empty field: the old secret is gone from memory too.
    fireEvent.click(screen.getByTestId("replace-secret"));
    expect((screen.getByTestId("profile-secret") as HTMLInputElement).value).toBe("");
    secretNowhereInPage();
  });

  it("Replace shows an empty field; Forget asks first, then has Rust remove it", async () => {
    const backend = fakeBackend({
      parse_domain: parse,
      forget_secret: ({ id }) => viewOf(profile({ id }), { stored: false, last4: null }),
    });
    render(<Harness initial={view({}, true)} />);
    fireEvent.click(screen.getByTestId("replace-secret"));
    expect((screen.getByTestId("profile-secret") as HTMLInputElement).value).toBe("");
    fireEvent.click(screen.getByText("Keep the stored one"));
    fireEvent.click(screen.getByTestId("forget-secret"));
    expect(backend.callsTo("forget_secret")).toHaveLength(0);
    expect(screen.getByRole("alertdialog").textContent).toContain("Forget the consumer secret?");
    fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() =>
      expect(screen.getByTestId("secret-status").getAttribute("data-stored")).toBe("false"),
    );
    expect(backend.callsTo("forget_secret")[0]?.args).toEqual({ id: "p1" });
  });

  it("saves a new profile first so the secret has a keychain account", async () => {
    const backend = fakeBackend({
      parse_domain: parse,
      save_profile: ({ profile }) => viewOf({ ...profile, id: "new-id" }, { stored: false, last4: null }),
      save_secret: ({ id }) => viewOf(profile({ id }), { stored: true, last4: "9QRS" }),
    });
    const draft: ProfileView = {
      ...view({ id: "", name: "My org", domain: "", client_id: "" }, false),
    };
    render(<Harness initial={draft} />);
    fireEvent.input(screen.getByTestId("profile-domain"), { target: { value: "acme" } });
    fireEvent.input(screen.getByTestId("profile-secret"), { target: { value: SECRET } });
    fireEvent.click(screen.getByTestId("save-secret"));
    await waitFor(() =>
      expect(screen.getByTestId("secret-status").getAttribute("data-stored")).toBe("true"),
    );
    const saved = backend.callsTo("save_profile")[0]?.args.profile as Profile;
    expect(saved.id).toBe("");
    expect(saved.target).toEqual({ kind: "org", domain: "acme" });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(backend.callsTo("save_secret")[0]?.args).toEqual({ id: "new-id", secret: SECRET });
    const order = backend.calls.map((c) => c.cmd).filter((c) => c.startsWith("save_"));
    expect(order).toEqual(["save_profile", "save_secret"]);
    secretNowhereInPage();
  });

  it("Save profile also stores a typed secret, and never puts it in the profile", async () => {
    const backend = fakeBackend({
      parse_domain: parse,
      save_profile: ({ profile }) => viewOf(profile, { stored: false, last4: null }),
      save_secret: ({ id }) => viewOf(profile({ id }), { stored: true, last4: "9QRS" }),
    });
    render(<Harness initial={view({}, false)} />);
    fireEvent.input(screen.getByTestId("profile-secret"), { target: { value: SECRET } });
    fireEvent.click(screen.getByTestId("profile-save"));
    await waitFor(() => expect(screen.getByTestId("profile-save-status").textContent).toBe("Saved."));
    expect(JSON.stringify(backend.callsTo("save_profile"))).not.toContain(SECRET);
    expect(backend.callsTo("save_secret")).toHaveLength(1);
    secretNowhereInPage();
  });

  it("shows Rust's refusal and keeps the typed secret for another try", async () => {
    fakeBackend({
      parse_domain: parse,
      save_secret: () => {
        throw {
          kind: "keyring_unavailable",
          message: "The system keychain is locked. Unlock it and try again.",
        };
      },
    });
    render(<Harness initial={view({}, false)} />);
    fireEvent.input(screen.getByTestId("profile-secret"), { target: { value: SECRET } });
    fireEvent.click(screen.getByTestId("save-secret"));
    expect(await screen.findByText("The system keychain is locked. Unlock it and try again.")).toBeTruthy();
    expect(screen.getByTestId("secret-status").getAttribute("data-stored")).toBe("false");
  });
});
