import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { AppError, FreezeRisk } from "../ipc/bindings";
import { fakeBackend, report, view } from "./backend";

const RISK: FreezeRisk = {
  network: "the proxy proxy.acme.com:3128",
  warning:
    "acme.my.salesforce.com is a production org, and this check calls it as the Run As user through the proxy proxy.acme.com:3128. Since April 24, 2026 Salesforce freezes a user whose API traffic comes from an anonymizing VPN, a proxy or a high-risk IP address.",
  kb_url: "https://help.salesforce.com/s/articleView?id=005318944&type=1",
};

/** Rust refuses the first run on this network (sending nothing) until the admin accepts. */
function backend() {
  let accepted = false;
  const fake = fakeBackend(
    {
      list_profiles: () => [view()],
      practice_scenarios: () => [],
      setup_links: () => [],
      run_check: ({ options }) => {
        if (options.accept_freeze_risk) accepted = true;
        if (!accepted) {
          const refused: AppError = {
            kind: "freeze_risk",
            message: "Salesforce may freeze the Run As user for this network: read the warning first.",
            risk: RISK,
          };
          throw refused;
        }
        return report();
      },
    },
    { "plugin:opener|open_url": () => null },
  );
  return {
    ...fake,
    runs: () => fake.callsTo("run_check").map((c) => c.args.options as { accept_freeze_risk: boolean }),
  };
}

describe("a production org through a proxy", () => {
  it("is warned of before the first grant, with Cancel focused; Cancel sends nothing", async () => {
    const fake = backend();
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog.textContent).toContain("Salesforce may freeze the Run As user");
    expect(screen.getByTestId("freeze-risk-text").textContent).toBe(RISK.warning);
    expect(dialog.textContent).toContain("asked once for this profile and the proxy proxy.acme.com:3128");
    const cancel = screen.getByRole("button", { name: "Cancel" });
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    fireEvent.click(screen.getByTestId("freeze-risk-article"));
    await waitFor(() =>
      expect(fake.callsTo("plugin:opener|open_url")[0]?.args).toMatchObject({ url: RISK.kb_url }),
    );
    fireEvent.click(cancel);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(fake.runs()).toEqual([expect.objectContaining({ accept_freeze_risk: false })]);
    expect(screen.queryByTestId("run-error")).toBeNull();
  });

  it("runs once accepted, and is not asked again (Rust remembers the network)", async () => {
    const fake = backend();
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await screen.findByRole("alertdialog");
    fireEvent.click(screen.getByTestId("confirm-ok"));
    await screen.findByTestId("run-result");
    expect(fake.runs()[1]).toMatchObject({ accept_freeze_risk: true, allow_untrusted_host: false });
    fireEvent.click(await screen.findByTestId("run-check"));
    await waitFor(() => expect(fake.runs()).toHaveLength(3));
    expect(fake.runs()[2]).toMatchObject({ accept_freeze_risk: false });
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });
});
