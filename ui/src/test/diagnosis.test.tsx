import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { Diagnosis } from "../parts/Diagnosis";
import { diagnosis, fakeBackend } from "./backend";

describe("Diagnosis", () => {
  it("shows title, cause, numbered fix steps and the code", () => {
    fakeBackend({});
    render(<Diagnosis diagnosis={diagnosis()} onRunAgain={() => {}} runDisabled={false} />);
    const panel = screen.getByTestId("diagnosis");
    expect(panel.querySelector("h2")?.textContent).toBe(
      "No Run As user is set for the Client Credentials flow",
    );
    expect(screen.getByTestId("diagnosis-code").textContent).toBe("run_as_user_missing");
    expect(screen.getByTestId("diagnosis-cause").textContent).toContain("email address instead of a username");
    const fix = screen.getByTestId("diagnosis-fix");
    expect(fix.tagName).toBe("OL");
    expect(Array.from(fix.querySelectorAll("li")).map((li) => li.textContent)).toEqual(diagnosis().fix);
    expect(panel.textContent).toContain("Get an access token");
  });

  it("opens the exact Setup page and the doc in the system browser", async () => {
    const opened: string[] = [];
    fakeBackend({}, { "plugin:opener|open_url": (a) => void opened.push(a.url as string) });
    render(<Diagnosis diagnosis={diagnosis()} onRunAgain={() => {}} runDisabled={false} />);
    const button = screen.getByTestId("diagnosis-open-setup");
    expect(button.textContent).toBe("Open External Client App Manager");
    fireEvent.click(button);
    await waitFor(() => expect(opened).toEqual([diagnosis().setup_url]));
    fireEvent.click(screen.getByTestId("diagnosis-doc"));
    await waitFor(() => expect(opened[1]).toBe(diagnosis().doc_url));
  });

  it("puts the raw answer in a closed disclosure", () => {
    fakeBackend({});
    render(<Diagnosis diagnosis={diagnosis()} onRunAgain={() => {}} runDisabled={false} />);
    const details = screen.getByTestId("diagnosis-details") as HTMLDetailsElement;
    expect(details.tagName).toBe("DETAILS");
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")?.textContent).toBe("What Salesforce answered");
    expect(screen.getByTestId("diagnosis-status").textContent).toBe("400");
    expect(screen.getByTestId("diagnosis-body").textContent).toContain("no client credentials user enabled");
    expect(details.textContent).toContain("POST /services/oauth2/token");
  });

  it("Run again calls back, and is disabled while a run goes", () => {
    fakeBackend({});
    const again = vi.fn();
    const { rerender } = render(
      <Diagnosis diagnosis={diagnosis()} onRunAgain={again} runDisabled={false} />,
    );
    fireEvent.click(screen.getByTestId("run-again"));
    expect(again).toHaveBeenCalledTimes(1);
    rerender(<Diagnosis diagnosis={diagnosis()} onRunAgain={again} runDisabled={true} />);
    expect((screen.getByTestId("run-again") as HTMLButtonElement).disabled).toBe(true);
  });

  it("has no Setup button or details when the entry has none", () => {
    fakeBackend({});
    render(
      <Diagnosis
        diagnosis={diagnosis({ setup_url: null, setup_label: null, details: null, doc_url: null })}
        onRunAgain={() => {}}
        runDisabled={false}
       
      />,
    );
    expect(screen.queryByTestId("diagnosis-open-setup")).toBeNull();
    expect(screen.queryByTestId("diagnosis-details")).toBeNull();
  });

  describe("the 2026 answers", () => {
    // As the engine sends them (`check --practice SCENARIO --json`), Setup links on acme.
    const maintenance = diagnosis({
      code: "org_read_only_maintenance",
      title: "The org is in a read-only maintenance window",
      cause:
        "Salesforce answered HTTP 503 INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE (“Updates can’t be made during maintenance. Try again when maintenance is complete”) when the check tried to write: the org is in a maintenance window during which it can be read but not changed. Reads — the token, the Run As user, the REST API, the describe — still work. Nothing in your app's configuration is wrong because of this answer.",
      fix: [
        "Open the Salesforce Trust site (status.salesforce.com), find your org's instance and read when the maintenance window ends.",
        "Run the check again once it has ended: nothing needs to change in Setup.",
        "Integrations that write records get the same answer until then: let them retry after the window rather than treat it as a failure of their own.",
        "If the check says its test record stayed in the org, delete it after the window (the app offers it at the next run; on the command line: eca-preflight-cli cleanup).",
      ],
      setup_url: null,
      setup_label: null,
      doc_url: "https://status.salesforce.com",
      step: "create",
      configuration_problem: false,
      details: {
        status: 503,
        content_type: "application/json",
        body: '[{"errorCode":"INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE","message":"Updates can’t be made during maintenance. Try again when maintenance is complete"}]',
        body_kind: "json",
        request: "POST /services/data/v68.0/sobjects/Account/ (in a composite request)",
      },
    });
    const frozen = diagnosis({
      code: "run_as_user_frozen",
      title: "The Run As user is frozen",
      cause:
        "Salesforce answered “invalid_grant: user is frozen”: the Run As user is frozen, and a frozen user gets no token. An admin may have frozen the user — but since April 2026 Salesforce also freezes users on its own when their API traffic comes from an anonymizing VPN, a proxy or a high-risk IP address, or, through AI login-anomaly detection, from a network or client it has not seen for that user before. Freezing revokes all the user's OAuth tokens, so every integration that runs as this user has stopped too.",
      fix: [
        "Look for an email titled “Salesforce Security notification” sent to the org's admins: when Salesforce froze the user itself, it says so there.",
        "Setup → Users → the Run As user → Login History (or Setup → Login History for the whole org): the refused logins say “User is frozen”; the logins before them show the source IP and client the traffic came from.",
        "Fix the network first: send the integration's traffic from its usual network, not through an anonymizing VPN, a public proxy or an unusual host. Unfreezing before that only gets the user frozen again.",
        "Then Setup → Users → the Run As user → Unfreeze, and run the check again. Integrations running as this user need a new token (their next grant gets one).",
      ],
      setup_url: "https://acme.my.salesforce.com/lightning/setup/ManageUsers/home",
      setup_label: "Users",
      doc_url: "https://help.salesforce.com/s/articleView?id=005318944&type=1",
      step: "token",
      configuration_problem: true,
      details: {
        status: 400,
        content_type: "application/json;charset=UTF-8",
        body: '{"error":"invalid_grant","error_description":"user is frozen"}',
        body_kind: "json",
        request: "POST /services/oauth2/token",
      },
    });
    const txn = diagnosis({
      code: "txn_security_blocked",
      title: "A Transaction Security policy blocked the Run As user's request",
      cause:
        "Salesforce answered HTTP 403 TXN_SECURITY_NO_ACCESS: “The operation you requested isn't allowed due to a security policy in your organization. Contact your administrator.” A Transaction Security policy (Event Monitoring) matched this request of the Run As user and its action is Block. The app, its token and the user's permissions are fine: the policy refuses the call. The message may be the policy's own block message.",
      fix: [
        "Setup → Transaction Security Policies: find the active policy that matches this request (its event — API calls, for example — its condition and the Block action). Ask your security team before changing it.",
        "Exempt the integration: change the policy's condition so it does not match the Run As user (for example a condition on the username or profile), or make its Apex condition return false for this user.",
        "Or, if the policy should only watch integrations, change its action from Block to a notification.",
        "Setup → Event Manager shows which events are monitored. Save the policy and run the check again.",
      ],
      setup_url: "https://acme.my.salesforce.com/lightning/setup/TransactionSecurityNew/home",
      setup_label: "Transaction Security Policies",
      doc_url: null,
      step: "create",
      configuration_problem: true,
      details: {
        status: 403,
        content_type: "application/json",
        body: '[{"errorCode":"TXN_SECURITY_NO_ACCESS","message":"The operation you requested isn\'t allowed due to a security policy in your organization. Contact your administrator."}]',
        body_kind: "json",
        request: "POST /services/data/v68.0/sobjects/Account/ (in a composite request)",
      },
    });

    const show = (d: typeof maintenance) =>
      render(
        <Diagnosis
          diagnosis={d}
          onRunAgain={() => {}}
          onKeepTrying={() => {}}
          onInspect={() => {}}
          runDisabled={false}
        />,
      );

    it("labels a maintenance window as no configuration problem, read out with the title", () => {
      fakeBackend({});
      show(maintenance);
      const label = screen.getByTestId("diagnosis-not-config");
      expect(label.textContent).toBe(
        "Not a configuration problem Nothing in the app or in Setup needs to change.",
      );
      const title = screen.getByRole("heading", { level: 2 });
      expect(title.textContent).toBe("The org is in a read-only maintenance window");
      // Screen readers announce the label with the focused title.
      expect(document.getElementById(title.getAttribute("aria-describedby") ?? "")).toBe(label);
      // Still a failure: the failed icon, the cause, numbered steps, the raw answer.
      expect(screen.getByTestId("diagnosis").classList.contains("is-cancelled")).toBe(false);
      expect(screen.getByText("What to do")).toBeTruthy();
      expect(screen.queryByText("How to fix it")).toBeNull();
      expect(screen.getByTestId("diagnosis-fix").querySelectorAll("li")).toHaveLength(4);
      expect(screen.getByTestId("diagnosis-cause").textContent).toContain("read but not changed");
      expect(screen.getByTestId("diagnosis-status").textContent).toBe("503");
      expect(screen.getByTestId("diagnosis-body").textContent).toContain(
        "INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE",
      );
      // The Trust site, no Setup page; neither keep trying nor inspection is offered.
      expect(screen.getByTestId("diagnosis-doc").textContent).toBe(
        "Check Salesforce's service status (Trust)",
      );
      expect(screen.queryByTestId("diagnosis-open-setup")).toBeNull();
      expect(screen.queryByTestId("keep-trying")).toBeNull();
      expect(screen.queryByTestId("inspect-open")).toBeNull();
    });

    it("shows a frozen Run As user as a configuration problem with its Setup page", async () => {
      const opened: string[] = [];
      fakeBackend({}, { "plugin:opener|open_url": (a) => void opened.push(a.url as string) });
      show(frozen);
      expect(screen.queryByTestId("diagnosis-not-config")).toBeNull();
      expect(screen.getByRole("heading", { level: 2 }).hasAttribute("aria-describedby")).toBe(false);
      expect(screen.getByText("How to fix it")).toBeTruthy();
      expect(screen.getByTestId("diagnosis-code").textContent).toBe("run_as_user_frozen");
      expect(screen.getByTestId("diagnosis-cause").textContent).toContain("since April 2026");
      const steps = Array.from(screen.getByTestId("diagnosis-fix").querySelectorAll("li")).map(
        (li) => li.textContent,
      );
      expect(steps).toEqual(frozen.fix);
      expect(steps[0]).toContain("Salesforce Security notification");
      expect(steps[3]).toContain("Unfreeze");
      const open = screen.getByTestId("diagnosis-open-setup");
      expect(open.textContent).toBe("Open Users");
      fireEvent.click(open);
      await waitFor(() => expect(opened).toEqual([frozen.setup_url]));
      expect(screen.getByTestId("diagnosis-doc").textContent).toBe("Read Salesforce's help on this");
      expect(screen.queryByTestId("keep-trying")).toBeNull();
      expect(screen.queryByTestId("inspect-open")).toBeNull();
    });

    it("opens Transaction Security Policies and quotes Salesforce's own words", () => {
      fakeBackend({});
      show(txn);
      expect(screen.queryByTestId("diagnosis-not-config")).toBeNull();
      expect(screen.getByTestId("diagnosis").textContent).toContain("At “Create the test record”");
      expect(screen.getByTestId("diagnosis-open-setup").textContent).toBe(
        "Open Transaction Security Policies",
      );
      expect(screen.getByTestId("diagnosis-body").textContent).toContain(
        "The operation you requested isn't allowed due to a security policy in your organization.",
      );
      expect(screen.queryByTestId("diagnosis-doc")).toBeNull();
      expect(screen.queryByTestId("keep-trying")).toBeNull();
      expect(screen.queryByTestId("inspect-open")).toBeNull();
    });
  });
});
