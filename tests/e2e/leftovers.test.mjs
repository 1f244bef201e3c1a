// Nothing left behind: closing the window in the middle of a run deletes the test record and
// revokes the token before the app exits; a run killed outright leaves its record in the
// cleanup journal, and the next launch offers to delete it.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startSim } from "../peers/sim.mjs";
import { launchApp, waitFor } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
const sims = [];
let app;
after(async () => {
  await app?.quit();
  for (const sim of sims) sim.stop();
});

/** A slow org that answers create, read and delete one by one, so a run can be cut after create. */
async function slowSim() {
  const sim = await startSim("healthy", ["--no-composite", "--latency-ms", "1500"]);
  sims.push(sim);
  return sim;
}

test("closing the window right after the create passed leaves no record and no live token", async () => {
  const sim = await slowSim();
  app = await launchApp("leftovers-close");
  await app.addOrgProfile("Slow org", sim);
  await app.click(id("tab-test"));
  await app.click(id("run-check"));
  await app.waitForAttribute(id("step-create"), "data-status", "passed", { timeoutMs: 90_000 });
  assert.equal((await sim.state()).records.length, 1, "the record exists when the window closes");
  await app.closeWindow();
  await app.find(id("closing"), { timeoutMs: 5_000 }).catch(() => null);
  await app.waitForExit(60_000);
  const state = await sim.state();
  assert.equal(state.records.length, 0, "the record was deleted before the app exited");
  assert.equal(state.active_tokens, 0, "the token was revoked before the app exited");
  app = null;
});

test("a run killed after the create leaves its record in the journal; the next launch deletes it", async () => {
  const sim = await slowSim();
  app = await launchApp("leftovers-kill");
  const dirs = app.dirs;
  await app.addOrgProfile("Slow org", sim);
  await app.click(id("tab-test"));
  await app.click(id("run-check"));
  await app.waitForAttribute(id("step-create"), "data-status", "passed", { timeoutMs: 90_000 });
  assert.ok(app.killApp(), "the app was running");
  await app.waitForExit();
  await app.quit();
  assert.equal((await sim.state()).records.length, 1, "the killed run left its record");

  app = await launchApp("leftovers-relaunch", {}, dirs);
  await app.click('[data-testid="profile-item"]');
  await app.click(id("tab-test"));
  await app.find(id("leftovers"), { timeoutMs: 30_000 });
  assert.match(await app.text(id("leftover")), /in 127\.0\.0\.1:\d+: Account 001/);
  await app.screenshot("offer");
  await app.click(id("leftovers-delete"));
  await waitFor("the record to be deleted", async () =>
    /deleted/i.test(await app.text(id("leftovers-message")).catch(() => "")),
  { timeoutMs: 60_000 });
  assert.equal((await sim.state()).records.length, 0, "the leftover is gone");
  assert.equal(await app.exists(id("leftover")), false);
});
