// A production org through a proxy: before the first grant the app warns that Salesforce may
// freeze the Run As user, with Cancel focused; "Test anyway" runs, and the next run on the same
// profile and network is not asked again. Nothing listens at the proxy (loopback port 1), so the
// run that goes ahead ends at the proxy — no traffic leaves this machine.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { launchApp, waitFor } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
before(async () => {
  app = await launchApp("freeze");
});
after(async () => {
  await app?.quit();
});

test("a production org through a proxy is warned of once", async () => {
  await app.click(id("connect-own-org"));
  await app.type(id("profile-name"), "Acme production");
  await app.type(id("profile-domain"), "acme.my.salesforce.com");
  await app.type(id("profile-client-id"), "3MVG9exampleKEY1234");
  await app.click(".network summary");
  await app.type(id("profile-proxy"), "http://127.0.0.1:1");
  await app.click(id("profile-save"));
  await app.type(id("profile-secret"), "not-a-real-secret-1234");
  await app.click(id("save-secret"));
  await waitFor("the stored status", async () => /stored/i.test(await app.text(id("secret-status"))));

  await app.click(id("tab-test"));
  await app.click(id("run-check"));
  await app.find('[role="alertdialog"]');
  const text = await app.text(id("freeze-risk-text"));
  assert.match(text, /acme\.my\.salesforce\.com is a production org/);
  assert.match(text, /through the proxy 127\.0\.0\.1:1/);
  await app.screenshot("freeze-warning");

  await app.click(id("confirm-ok"));
  await app.waitForAttribute(id("run-result"), "data-ok", "false", { timeoutMs: 60_000 });
  assert.equal(await app.text(id("diagnosis-code")), "proxy_failed");
  // The same profile and network: the next run is not asked again.
  await app.click(id("run-again"));
  await sleep(1500);
  assert.equal(await app.exists('[role="alertdialog"]'), false, "asked a second time");
  await app.waitForAttribute(id("run-result"), "data-ok", "false", { timeoutMs: 60_000 });
});
