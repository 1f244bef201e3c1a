import { render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { DomainPreview } from "../ipc/bindings";
import { ConnectionForm } from "../parts/ConnectionForm";
import { DomainHint } from "../parts/DomainHint";
import { deferred, fakeBackend, view } from "./backend";

const ACME: DomainPreview = {
  ok: true,
  domain: {
    host: "acme--uat.sandbox.my.salesforce.com",
    base_url: "https://acme--uat.sandbox.my.salesforce.com",
    kind: "sandbox",
    my_domain_name: "acme",
    sandbox_name: "uat",
    note: "from the Lightning URL you pasted",
  },
  error: null,
};

const OTHER: DomainPreview = {
  ok: true,
  domain: {
    host: "login.example.com",
    base_url: "https://login.example.com",
    kind: "other",
    my_domain_name: null,
    sandbox_name: null,
    note: null,
  },
  error: null,
};

const LOGIN: DomainPreview = {
  ok: false,
  domain: null,
  error: {
    code: "not_my_domain",
    message:
      "login.salesforce.com does not support the Client Credentials flow. Use your org's My Domain instead (Setup → My Domain → Current My Domain URL), e.g. acme.my.salesforce.com.",
  },
};

describe("DomainHint", () => {
  it("shows the canonical host and the kind of org", async () => {
    const backend = fakeBackend({ parse_domain: () => ACME });
    render(<DomainHint id="h" input="https://acme--uat.sandbox.lightning.force.com/x" />);
    const hint = screen.getByTestId("domain-hint");
    await waitFor(() => expect(hint.getAttribute("data-state")).toBe("ok"));
    // Host, kind and what was changed, each said once.
    expect(hint.textContent).toBe(
      "Understood as acme--uat.sandbox.my.salesforce.com (sandbox “uat”) — from the Lightning URL you pasted.",
    );
    expect(backend.callsTo("parse_domain")[0]?.args).toEqual({
      input: "https://acme--uat.sandbox.lightning.force.com/x",
    });
  });

  it("names the kind of org once when nothing was changed", async () => {
    fakeBackend({
      parse_domain: () => ({ ...ACME, domain: { ...ACME.domain!, host: "acme.my.salesforce.com", kind: "production", sandbox_name: null, note: null } }),
    });
    render(<DomainHint id="h" input="acme.my.salesforce.com" />);
    const hint = screen.getByTestId("domain-hint");
    await waitFor(() => expect(hint.getAttribute("data-state")).toBe("ok"));
    expect(hint.textContent).toBe("Understood as acme.my.salesforce.com (production org).");
  });

  it("warns plainly that a non-Salesforce host would get the secret", async () => {
    fakeBackend({ parse_domain: () => OTHER });
    render(<DomainHint id="h" input="login.example.com" />);
    const hint = screen.getByTestId("domain-hint");
    await waitFor(() => expect(hint.getAttribute("data-state")).toBe("untrusted"));
    expect(hint.getAttribute("data-kind")).toBe("other");
    expect(hint.textContent).toContain("login.example.com");
    expect(hint.textContent).toContain("This is not a Salesforce host.");
    expect(hint.textContent).toContain("consumer key and secret would be sent to it");
    expect(hint.textContent).toContain("confirm");
  });

  it("refuses login.salesforce.com with the fix", async () => {
    fakeBackend({ parse_domain: () => LOGIN });
    render(<DomainHint id="h" input="login.salesforce.com" />);
    const hint = screen.getByTestId("domain-hint");
    await waitFor(() => expect(hint.getAttribute("data-state")).toBe("refused"));
    expect(hint.getAttribute("role")).toBe("alert");
    expect(hint.getAttribute("data-code")).toBe("not_my_domain");
    expect(hint.textContent).toContain("does not support the Client Credentials flow");
    expect(hint.textContent).toContain("Setup → My Domain");
  });

  it("marks the My Domain field invalid and points it at the refusal", async () => {
    fakeBackend({ parse_domain: ({ input }) => (input.includes("login") ? LOGIN : ACME) });
    render(<ConnectionForm view={view({ domain: "login.salesforce.com" })} onSaved={() => {}} onOpenGuide={() => {}} />);
    const field = screen.getByTestId("profile-domain");
    await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
    expect(field.getAttribute("aria-describedby")).toBe(screen.getByTestId("domain-hint").id);
  });

  it("ignores an answer that arrives after a newer keystroke", async () => {
    const slow = deferred<DomainPreview>();
    fakeBackend({
      parse_domain: ({ input }) => (input === "login.salesforce.com" ? slow.promise : ACME),
    });
    const { rerender } = render(<DomainHint id="h" input="login.salesforce.com" />);
    rerender(<DomainHint id="h" input="acme--uat.sandbox.my.salesforce.com" />);
    const hint = screen.getByTestId("domain-hint");
    await waitFor(() => expect(hint.getAttribute("data-state")).toBe("ok"));
    slow.resolve(LOGIN);
    await slow.promise;
    await Promise.resolve();
    expect(hint.getAttribute("data-state")).toBe("ok");
  });

  it("explains where to find My Domain while the field is empty", () => {
    const backend = fakeBackend({});
    render(<DomainHint id="h" input="  " />);
    expect(screen.getByTestId("domain-hint").textContent).toContain("Setup → My Domain");
    expect(backend.calls).toHaveLength(0);
  });
});
