import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { Diagnosis } from "../components/Diagnosis";
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
});
