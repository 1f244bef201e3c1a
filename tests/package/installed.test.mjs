// The installed package's app (APP_BIN=/usr/bin/eca-preflight): it starts and shows its welcome
// screen; the About panel names the package's version.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, waitFor } from "../e2e/harness.mjs";

test("the installed app opens on its welcome screen", async () => {
  const app = await launchApp("installed");
  try {
    const heading = await app.text('[data-testid="welcome"] h1');
    assert.equal(heading, "Check your External Client App in one click");
    await app.click('[data-testid="about-open"]');
    await waitFor("the version", async () => /\d+\.\d+\.\d+/.test(await app.text('[data-testid="about-version"]')));
    assert.match(await app.text('[data-testid="about"]'), /release/);
    await app.screenshot("about");
  } finally {
    await app.quit();
  }
});
