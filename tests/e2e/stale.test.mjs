// No stale screen: after a passing run, replacing the secret marks the result out of date; an
// API version Salesforce cannot take is refused next to its field and cannot be run.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startSim } from "../peers/sim.mjs";
import { launchApp, waitFor } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
let sim;
before(async () => {
  sim = await startSim("healthy");
  app = await launchApp("stale");
});
after(async () => {
  await app?.quit();
  sim?.stop();
});

test("replacing the secret after a passing run marks the result out of date", async () => {
  await app.addOrgProfile("Acme", sim);
  await app.click(id("tab-test"));
  await app.click(id("run-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", "true", { timeoutMs: 60_000 });
  assert.equal(await app.exists(id("result-stale")), false);

  await app.click(id("tab-connection"));
  await app.click(id("replace-secret"));
  await app.type(id("profile-secret"), `${sim.client_secret}-rotated`);
  await app.click(id("save-secret"));
  await waitFor("the new secret stored", async () => /stored/i.test(await app.text(id("secret-status"))));
  await app.click(id("tab-test"));
  assert.match(await app.text(id("result-stale")), /Out of date/);
  assert.equal((await app.text(id("run-check"))).trim(), "Test again with the new settings");
  await app.screenshot("out-of-date");
});

test("an API version Salesforce cannot take is refused at its field and blocks the test", async () => {
  await app.click(id("tab-connection"));
  await app.type(id("profile-api-version"), "abc");
  await app.click(id("profile-save"));
  const error = await app.text(id("profile-error"));
  assert.match(error, /abc/);
  assert.match(error, /saved value stays in use/);
  await app.click(id("tab-test"));
  assert.equal(await app.attribute(id("run-check"), "disabled"), "true");
  assert.match(await app.text(id("run-blocked")), /not saved/);
});
