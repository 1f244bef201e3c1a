// Readable at 900×640: every step's label and summary wraps inside its column — nothing cut
// mid-word, nothing spilling into the next column — in a passing run and a failed one.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchApp } from "./harness.mjs";

const id = (name) => `[data-testid="${name}"]`;
let app;
before(async () => {
  app = await launchApp("narrow");
  await app.resize(900, 640);
});
after(async () => {
  await app?.quit();
});

/** Each step cell whose text is wider than its box (cut or spilling), with its text. */
const OVERFLOWING = `
  return [...document.querySelectorAll(".step-label, .step-summary")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent);
`;

async function runAndCheck(scenario, ok) {
  await app.select(id("scenario-select"), scenario);
  await app.click(id("run-check"));
  await app.waitForAttribute(id("run-result"), "data-ok", ok, { timeoutMs: 60_000 });
  const width = await app.run("return window.innerWidth");
  assert.ok(width <= 900, `the window is narrow (${width} px)`);
  const summaries = await app.run(
    "return [...document.querySelectorAll('.step-summary')].map((el) => el.textContent)",
  );
  assert.ok(summaries.some((s) => s.length > 30), `long summaries are shown whole: ${summaries}`);
  assert.deepEqual(await app.run(OVERFLOWING), [], "no step text is cut or spills over");
}

test("a passing run and a failed one are readable at 900 px", async () => {
  await app.click(id("practice-start"));
  await runAndCheck("healthy", "true");
  await app.screenshot("steps-passed");
  await runAndCheck("no-create-access", "false");
  await app.run("document.querySelector('.steps')?.scrollIntoView({ block: 'start' })");
  await app.screenshot("steps-failed");
});
