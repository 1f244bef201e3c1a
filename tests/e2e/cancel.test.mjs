// Cancelling a run: with a slow practice org, Cancel stops the run, and the test record that was
// already created is still deleted.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchApp, waitFor } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
before(async () => {
  app = await launchApp("cancel", { ECA_PRACTICE_LATENCY_MS: "1500" });
});
after(async () => {
  await app?.quit();
});

test("cancel mid-run stops the run and still cleans up", async () => {
  await app.click(id("practice-start"));
  await app.select(id("scenario-select"), "healthy");
  await app.click(id("run-check"));
  await app.waitForAttribute(id("step-create"), "data-status", "passed", { timeoutMs: 90_000 });
  await app.click(id("cancel-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", "false", { timeoutMs: 90_000 });
  assert.equal((await app.text(id("diagnosis-code"))).trim(), "cancelled");
  await waitFor("the cleanup", async () => /deleted/i.test(await app.text(id("record-status"))));
  assert.equal(await app.attribute(id("step-delete"), "data-status"), "passed");
  assert.equal(await app.attribute(id("run-check"), "disabled"), null, "a new run can start");
  await app.screenshot("cancelled");
});
