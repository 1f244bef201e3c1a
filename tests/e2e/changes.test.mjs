// Changes made with the admin's login, in the practice org, as an admin makes them: "Set it up
// for me" makes the app and its own pair passes; "Fix in Salesforce" mends a missing Run As user
// and the test passes; "Rotate for me" replaces the pair and says when the old one stops.
// Each shows its before → after sheet first (screenshots: setup-sheet, fix-sheet, rotated), and
// the rotation is listed under "Changes made in this org" (screenshot: org-changes).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchApp, waitFor } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
before(async () => {
  app = await launchApp("changes");
  await app.click(id("practice-start"));
});
after(async () => {
  await app?.quit();
});

async function passes() {
  await app.waitForAttribute(id("run-result"), "data-ok", "true", { timeoutMs: 120_000 });
}

test("Set it up for me: the sheet first, then the app is made and its own pair passes", async () => {
  await app.click(id("tab-guide"));
  await app.click(id("setup-read"));
  await app.find(id("setup-run-as"), { timeoutMs: 30_000 });
  assert.match(await app.value(id("setup-run-as")), /^preflight\.integration@/);
  await app.click(id("setup-review"));
  await app.find(id("change-sheet"), { timeoutMs: 30_000 });
  const sheet = await app.text(id("change-sheet"));
  assert.match(sheet, /isClientCredentialsFlowEnabled/);
  assert.match(sheet, /clientCredentialsFlowUser/);
  await app.screenshot("setup-sheet");
  await app.click(id("confirm-ok"));
  await passes();
  await app.screenshot("setup-done");
});

test("Fix in Salesforce: a missing Run As user is set after the sheet, and the test passes", async () => {
  await app.select(id("scenario-select"), "no-run-as-user");
  await app.click(id("tab-test"));
  await app.click(id("run-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", "false", { timeoutMs: 60_000 });
  await app.click(id("inspect-open"));
  await app.find(id("inspect-result"), { timeoutMs: 30_000 });
  await app.click(id("fix-open"));
  // No Run As user to take from the app: the admin picks one, then the plan is made again.
  await app.find(id("fix-run-as"), { timeoutMs: 30_000 });
  await app.click(id("fix-open"));
  await app.find(id("change-sheet"), { timeoutMs: 30_000 });
  assert.match(await app.text(id("change-sheet")), /clientCredentialsFlowUser/);
  await app.screenshot("fix-sheet");
  await app.click(id("confirm-ok"));
  // Deployed and read again, the test runs again (its result replaces the inspection) and passes.
  await passes();
  assert.equal(await app.exists(id("fix-error")), false);
});

test("Rotate for me: a proven new pair, and when the old one stops working", async () => {
  await app.click(id("tab-connection"));
  await app.click(id("rotate-toggle"));
  await app.click(id("rotate-admin-read"));
  await app.find(id("change-sheet"));
  await app.click(id("confirm-ok"));
  await waitFor("the rotation", async () => /passed a real token/.test(await app.text(id("rotate-done")).catch(() => "")), {
    timeoutMs: 60_000,
  });
  assert.match(await app.text(id("rotate-old-pair")), /stops working on \d{4}-\d{2}-\d{2} \(29 days\)|\(30 days\)/);
  // The rotation is listed among the changes made in this org, newest first.
  await waitFor("the change listed", async () =>
    /switched the app to the new key and secret/.test(await app.text(id("org-change")).catch(() => "")),
  );
  await app.run("document.querySelector('[data-testid=org-changes]')?.scrollIntoView({ block: 'center' })");
  await app.screenshot("org-changes");
  await app.run("document.querySelector('[data-testid=rotate-for-me]')?.scrollIntoView({ block: 'center' })");
  await app.screenshot("rotated-for-me");
  await app.click(id("tab-test"));
  await app.click(id("run-check"));
  await passes();
});
