// Rotate credentials, checked at each step, against the simulated org's `rotation` scenario:
// stage the new pair, check both, switch, and after the rotation is completed in Setup
// (`POST /__sim/rotate`) prove the old pair is refused — then it is forgotten.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startSim } from "../peers/sim.mjs";
import { launchApp, waitFor } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
let sim;
before(async () => {
  sim = await startSim("rotation");
  app = await launchApp("rotation");
});
after(async () => {
  await app?.quit();
  sim?.stop();
});

async function results() {
  return app.text(id("rotate-results"));
}

test("(b)–(e): stage, check both, switch, and the old pair refused after the rotation", async () => {
  await app.addOrgProfile("Acme", sim);

  await app.click(id("rotate-toggle"));
  await app.find(id("rotate-open-setup"));
  await app.type(id("rotate-key"), sim.staged_client_id);
  await app.type(id("rotate-secret"), sim.staged_client_secret);
  await app.click(id("rotate-stage"));
  await waitFor("the staged pair saved", async () => /staged key is saved/.test(await results()));

  await app.click(id("rotate-check"));
  await waitFor("both pairs checked", async () => /Both pairs work/.test(await results()), { timeoutMs: 60_000 });

  await app.click(id("rotate-switch"));
  await waitFor("the switch", async () => /uses the new key/.test(await results()));

  await app.click(id("rotate-check-old"));
  await waitFor("the old pair still accepted", async () => /still accepts the old key/.test(await results()));
  await sim.rotate();
  await app.click(id("rotate-check-old"));
  await waitFor("the old pair refused", async () => /refuses the old pair/.test(await results()), { timeoutMs: 30_000 });
  await app.run("document.querySelector('[data-testid=rotate-results]')?.scrollIntoView({ block: 'center' })");
  await app.screenshot("rotated");
  assert.equal(await app.attribute(id("rotate-check-old"), "disabled"), "true", "nothing old is kept");

  // The profile now passes with the new pair.
  await app.click(id("tab-test"));
  await app.click(id("run-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", "true", { timeoutMs: 60_000 });
});
