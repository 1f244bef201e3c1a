// The practice org, as a new admin meets it: first launch → "Try without an org" → a healthy run
// (record created, read and deleted) → a broken org (no Run As user) → its diagnosis → run again.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { launchApp, waitFor } from "./harness.mjs";

let app;
before(async () => {
  app = await launchApp("practice");
});
after(async () => {
  await app?.quit();
});

const id = (name) => `[data-testid="${name}"]`;

test("first launch offers the practice org", async () => {
  await app.find(id("practice-start"));
  await app.find(id("connect-own-org"));
  await app.screenshot("welcome");
});

test("healthy practice org: every step passes and the record is cleaned up", async () => {
  await app.click(id("practice-start"));
  await app.find(id("scenario-select"));
  await app.select(id("scenario-select"), "healthy");
  await app.screenshot("practice-ready");
  await app.click(id("run-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", "true");
  for (const step of ["token", "identity", "api_access", "create", "read", "delete", "revoke"]) {
    assert.equal(await app.attribute(id(`step-${step}`), "data-status"), "passed", step);
  }
  const username = await app.text(id("identity-username"));
  assert.match(username, /@/, "the Run As username is shown");
  const recordId = await app.text(id("record-id"));
  assert.match(recordId, /^001[A-Za-z0-9]{12,15}$/, "an Account id is shown");
  assert.match(await app.text(id("record-status")), /deleted/i);
  assert.equal(await app.exists(id("diagnosis")), false, "no diagnosis on success");
  await app.screenshot("run-passed");
});

test("no Run As user: the diagnosis names the cause, the fix and the Setup page", async () => {
  await app.select(id("scenario-select"), "no-run-as-user");
  await app.click(id("run-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", "false");
  assert.equal(await app.attribute(id("step-token"), "data-status"), "failed");
  assert.equal(await app.attribute(id("step-create"), "data-status"), "skipped");
  await app.find(id("diagnosis"));
  assert.equal((await app.text(id("diagnosis-code"))).trim(), "run_as_user_missing");
  const panel = await app.text(id("diagnosis"));
  assert.match(panel, /Run As/i, "the panel talks about the Run As user");
  assert.match(panel, /username/i, "the fix says to use the username");
  await app.screenshot("diagnosis-no-run-as-user");
});

test("wrong secret is diagnosed and never shown", async () => {
  await app.select(id("scenario-select"), "wrong-secret");
  await app.click(id("run-again"));
  await app.waitForAttribute(id("run-result"), "data-ok", "false");
  assert.equal((await app.text(id("diagnosis-code"))).trim(), "client_secret_invalid");
  await app.screenshot("diagnosis-wrong-secret");
});

test("Copy Markdown puts the last run's report on the system clipboard", async () => {
  await app.find(id("report-copy"));
  await app.click(id("report-copy"));
  // Read the X clipboard as another program would (xclip, on the Xvfb display of this run).
  const clipboard = await waitFor("the report on the clipboard", async () => {
    try {
      const text = execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", timeout: 5_000 });
      return text.includes("client_secret_invalid") ? text : null;
    } catch {
      return null; // nothing owns the clipboard yet
    }
  }, { timeoutMs: 10_000 }).catch(() => "");
  assert.match(clipboard, /^# ❌ Check failed/, "the Markdown report of the last (failed) run");
  assert.match(clipboard, /client_secret_invalid/);
  await app.screenshot("report");
});
