// Find the exact setting: after a practice run of no-run-as-user fails at the token, the
// Inspect panel reads the practice app's settings with the practice org's own admin login and
// names the wrong one (run_as_missing) with its Setup page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchApp } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
before(async () => {
  app = await launchApp("inspect");
});
after(async () => {
  await app?.quit();
});

test("a missing Run As user is named exactly, with its Setup button", async () => {
  await app.click(id("practice-start"));
  await app.select(id("scenario-select"), "no-run-as-user");
  await app.click(id("run-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", "false", { timeoutMs: 60_000 });
  assert.equal((await app.text(id("diagnosis-code"))).trim(), "run_as_user_missing");
  await app.click(id("inspect-open"));
  await app.find(id("inspect-result"), { timeoutMs: 30_000 });
  assert.match(await app.text(id("inspect-summary")), /1 setting to fix/);
  const finding = await app.attribute(id("inspect-finding"), "data-code");
  assert.equal(finding, "run_as_missing");
  assert.match(await app.text(id("inspect-finding")), /Run As \(Username\)/);
  assert.match(await app.text(id("inspect-open-setup")), /Open External Client App Manager/);
  await app.screenshot("inspect");
});
