// Check every profile: two orgs (production works, a sandbox has no Run As user) checked with
// one button; a line each, and each profile's badge.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startSim } from "../peers/sim.mjs";
import { launchApp, waitFor } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
const sims = [];
before(async () => {
  sims.push(await startSim("healthy"), await startSim("no-run-as-user"));
  app = await launchApp("every");
});
after(async () => {
  await app?.quit();
  for (const sim of sims) sim.stop();
});

test("one button checks every profile and shows a line each", async () => {
  await app.addOrgProfile("Production", sims[0]);
  await app.addOrgProfile("Dev sandbox", sims[1], { first: false });
  await app.click(id("every-check-open"));
  await app.find(id("every-check-table"), { timeoutMs: 60_000 });
  await waitFor("the verdict", async () =>
    (await app.text(id("every-check-status"))) === "1 of 2 did not pass.",
  );
  const table = await app.text(id("every-check-table"));
  assert.match(table, /Production[\s\S]*passed/);
  assert.match(table, /Dev sandbox[\s\S]*\[run_as_user_missing\]/);
  // Each profile's badge in the list shows its result too.
  await waitFor("the badges", async () =>
    (await app.exists('[data-testid="profile-item"] .dot-ok')) &&
    (await app.exists('[data-testid="profile-item"] .dot-failed')),
  );
  await app.screenshot("every-profile");
  for (const sim of sims) {
    const state = await sim.state();
    assert.equal(state.records.length, 0);
    assert.equal(state.active_tokens, 0);
  }
});
