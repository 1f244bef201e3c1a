import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it } from "vitest";
import type { AppError, Profile, ProfileView, RecordOutcome, RequiredField } from "../ipc/bindings";
import { api } from "../ipc/client";
import { RecordStep } from "../parts/RecordStep";
import { diagnosis, fakeBackend, report, view, viewOf } from "./backend";

const REQUIRED: RequiredField[] = [
  { name: "Name", label: "Account Name", field_type: "string", value: "ECA Preflight test", picklist_values: [] },
  { name: "Rating__c", label: "Rating", field_type: "picklist", value: "Hot", picklist_values: ["Hot", "Warm"] },
];

const HOST = "login.example.com";
/** What Rust answers a look-up on a non-Salesforce host that the admin has not confirmed. */
const UNTRUSTED: AppError = {
  kind: "untrusted_host",
  message: `${HOST} is not a Salesforce host; credentials are sent there only after you confirm it.`,
  host: HOST,
  diagnosis: diagnosis({ code: "untrusted_host", title: `${HOST} is not a Salesforce host` }),
};

/** Saves through save_profile, as the app does, and shows what it returned. */
function Harness({ outcome = null, initial = view() }: { outcome?: RecordOutcome | null; initial?: ProfileView }) {
  const [v, setV] = useState<ProfileView>(initial);
  const onChange = async (profile: Profile) => setV(await api.saveProfile(profile));
  return (
    <RecordStep
      view={v}
      onChange={onChange}
      outcome={outcome}
      disabled={false}
      onError={() => {}}
    />
  );
}

describe("RecordStep", () => {
  it("drops the last object's required fields when the object changes elsewhere", async () => {
    fakeBackend({ describe_required: () => REQUIRED });
    const { rerender } = render(
      <RecordStep view={view()} onChange={async () => {}} outcome={null} disabled={false} onError={() => {}} />,
    );
    fireEvent.click(screen.getByTestId("load-required"));
    await screen.findByLabelText("Account Name");
    rerender(
      <RecordStep view={view({ object: "Contact" })} onChange={async () => {}} outcome={null} disabled={false} onError={() => {}} />,
    );
    await waitFor(() => expect(screen.queryByLabelText("Account Name")).toBeNull());
  });

  it("shows the required fields the describe found, with editable values", async () => {
    const backend = fakeBackend({ describe_required: () => REQUIRED });
    render(<Harness />);
    fireEvent.click(screen.getByTestId("load-required"));
    const name = (await screen.findByLabelText("Account Name")) as HTMLInputElement;
    expect(backend.callsTo("describe_required")[0]?.args).toEqual({
      id: "p1",
      object: "Account",
      allowUntrustedHost: false,
    });
    expect(name.placeholder).toContain("ECA Preflight test");
    expect(screen.getByTestId("required-Name").textContent).toContain("string");
    const rating = screen.getByLabelText("Rating") as HTMLSelectElement;
    expect(Array.from(rating.options).map((o) => o.value)).toEqual(["", "Hot", "Warm"]);
    fireEvent.input(name, { target: { value: "My test account" } });
    expect(name.value).toBe("My test account");
  });

  it("picks the object from the org's createable objects", async () => {
    const backend = fakeBackend({
      list_objects: () => [
        { name: "Account", label: "Account", custom: false },
        { name: "Invoice__c", label: "Invoice", custom: true },
      ],
      describe_required: ({ object }) => (object === "Invoice__c" ? [] : REQUIRED),
      save_profile: ({ profile }) => viewOf(profile, { stored: true, last4: "WXYZ" }),
    });
    render(<Harness />);
    fireEvent.click(screen.getByTestId("load-objects"));
    await waitFor(() => expect(screen.getByTestId("record-object").tagName).toBe("SELECT"));
    await screen.findByLabelText("Account Name");
    fireEvent.change(screen.getByTestId("record-object"), { target: { value: "Invoice__c" } });
    expect(await screen.findByTestId("required-none")).toBeTruthy();
    expect(backend.callsTo("describe_required").map((c) => c.args.object)).toEqual(["Account", "Invoice__c"]);
  });

  it("the test-record checkbox is saved with the profile", async () => {
    const backend = fakeBackend({
      save_profile: ({ profile }) => viewOf(profile, { stored: true, last4: "WXYZ" }),
    });
    render(<Harness />);
    const box = screen.getByTestId("create-record") as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(backend.callsTo("save_profile")).toHaveLength(1));
    expect(backend.callsTo("save_profile")[0]?.args).toMatchObject({
      profile: { id: "p1", create_record: false },
    });
    await waitFor(() => expect((screen.getByTestId("create-record") as HTMLInputElement).checked).toBe(false));
    expect(screen.queryByTestId("load-objects")).toBeNull();
  });

  it("a profile saved without the test record shows the box off", () => {
    fakeBackend({});
    render(<Harness initial={view({ create_record: false })} />);
    expect((screen.getByTestId("create-record") as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId("record-object")).toBeNull();
  });

  it("asks before sending the credentials to a host that is not Salesforce", async () => {
    // Rust refuses (sending nothing) until the call allows the host, and names the host.
    const refuse = (allowUntrustedHost: boolean) => {
      if (!allowUntrustedHost) throw UNTRUSTED;
    };
    const backend = fakeBackend({
      list_objects: ({ allowUntrustedHost }) => {
        refuse(allowUntrustedHost);
        return [{ name: "Account", label: "Account", custom: false }];
      },
      describe_required: ({ allowUntrustedHost }) => {
        refuse(allowUntrustedHost);
        return REQUIRED;
      },
    });
    const allowed = (cmd: string) =>
      backend.callsTo(cmd).filter((c) => c.args.allowUntrustedHost === true);
    render(<Harness initial={view({ domain: HOST })} />);
    fireEvent.click(screen.getByTestId("load-objects"));
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog.textContent).toContain(HOST);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(allowed("list_objects")).toHaveLength(0);
    expect(backend.callsTo("describe_required")).toHaveLength(0);
    expect(screen.queryByText(/not a Salesforce host; credentials/)).toBeNull();

    fireEvent.click(screen.getByTestId("load-objects"));
    await screen.findByRole("alertdialog");
    fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(allowed("list_objects")).toHaveLength(1));
    expect(allowed("list_objects")[0]?.args).toEqual({ id: "p1", allowUntrustedHost: true });
    await screen.findByLabelText("Account Name");
    expect(allowed("describe_required")).toHaveLength(1);

    // Check required fields is its own action: it asks again.
    fireEvent.click(screen.getByTestId("load-required"));
    await screen.findByRole("alertdialog");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(allowed("describe_required")).toHaveLength(1);
  });

  it("after a run shows the record id, Open in Salesforce, read-back and deletion", async () => {
    const opened: string[] = [];
    fakeBackend({}, { "plugin:opener|open_url": (a) => void opened.push(a.url as string) });
    const outcome = report().record!;
    render(<Harness outcome={outcome} />);
    expect(screen.getByTestId("record-id").textContent).toBe("001000000000001AAA");
    expect(screen.getByTestId("record-read").textContent).toBe("Yes");
    expect(screen.getByTestId("record-status").textContent).toBe("Deleted");
    expect(screen.queryByTestId("record-left-behind")).toBeNull();
    fireEvent.click(screen.getByTestId("record-open"));
    await waitFor(() => expect(opened).toEqual([outcome.url]));
  });

  it("warns LEFT BEHIND with the link when the record was not deleted", () => {
    fakeBackend({});
    const outcome = { ...report().record!, deleted: false };
    render(<Harness outcome={outcome} />);
    const warning = screen.getByTestId("record-left-behind");
    expect(warning.textContent).toContain("LEFT BEHIND");
    expect(warning.textContent).toContain("001000000000001AAA");
    expect(warning.getAttribute("role")).toBe("alert");
    expect(screen.getByTestId("record-status").getAttribute("data-deleted")).toBe("false");
  });

  it("a record kept on purpose is not a warning", () => {
    fakeBackend({});
    render(<Harness outcome={{ ...report().record!, deleted: false, kept: true }} />);
    expect(screen.getByTestId("record-status").textContent).toBe("Kept, as you asked");
    expect(screen.queryByTestId("record-left-behind")).toBeNull();
  });
});
