// Keep trying: the practice org's just-created app is refused at first (client_id_invalid);
// "Keep trying for up to 10 minutes" runs again with a countdown until Salesforce has applied it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchApp, waitFor } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
before(async () => {
  app = await launchApp("keep-trying");
});
after(async () => {
  await app?.quit();
});

test("a new app that is not applied yet passes after keeping trying", async () => {
  await app.click(id("practice-start"));
  await app.select(id("scenario-select"), "app-propagating");
  await app.click(id("run-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", "false", { timeoutMs: 60_000 });
  assert.equal((await app.text(id("diagnosis-code"))).trim(), "client_id_invalid");
  await app.click(id("keep-trying"));
  await app.find(id("retry-countdown"), { timeoutMs: 60_000 });
  assert.match(await app.text(id("retry-countdown")), /trying again in \d+ s/);
  await app.screenshot("countdown");
  await app.waitForAttribute(id("run-result"), "data-ok", "true", { timeoutMs: 120_000 });
  assert.equal(await app.exists(id("retry-countdown")), false);
});
