import { render, screen } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { App } from "../App";
import { Inspect } from "../parts/Inspect";
import css from "../styles.css?raw";
import { fakeBackend, view } from "./backend";

/** The app's own style sheet, so computed styles are the ones the window shows. */
beforeAll(() => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
});

function px(value: string): number {
  return Number.parseFloat(value) || 0;
}

describe("spacing between controls", () => {
  it("keeps the sidebar's stacked buttons apart", async () => {
    fakeBackend({
      list_profiles: () => [view(), view({ id: "p2", name: "Acme UAT", domain: "acme--uat.sandbox.my.salesforce.com" })],
      practice_scenarios: () => [],
      parse_domain: () => ({ ok: true, domain: null, error: null }),
      setup_links: () => [],
    });
    render(<App />);
    const every = await screen.findByTestId("every-check-open");
    const practice = screen.getByTestId("practice-start");
    const foot = every.parentElement as HTMLElement;
    expect(practice.parentElement).toBe(foot);
    const style = getComputedStyle(foot);
    // Two block buttons one under the other: a flex column's gap, or a margin between them.
    const apart =
      style.display === "flex" ? px(style.rowGap || style.gap) : px(getComputedStyle(practice).marginTop);
    expect(apart).toBeGreaterThanOrEqual(8);
  });

  it("keeps Inspect's 'Keep this login' box off its button", async () => {
    fakeBackend({ kept_admin_login: () => null });
    render(<Inspect view={view()} onClose={() => undefined} />);
    const keep = (await screen.findByTestId("inspect-keep")).closest(".field-check") as HTMLElement;
    const read = screen.getByTestId("inspect-read");
    expect(keep.nextElementSibling).toBe(read);
    const apart = px(getComputedStyle(keep).marginBottom) + px(getComputedStyle(read).marginTop);
    expect(apart).toBeGreaterThanOrEqual(8);
  });
});
