// A second launch of ECA Preflight does not open a second window racing the first for the profile
// store: it hands over to the running app, which comes to the front, and exits.
import { spawn, execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { launchApp, waitFor } from "./harness.mjs";

const FOCUS = fileURLToPath(new URL("focus.py", import.meta.url));

test("a second launch focuses the open window and exits", async () => {
  const app = await launchApp("single-instance");
  try {
    const first = app.appPid();
    assert.ok(first, "the first app runs");

    // Something else has the focus, as when the admin is in another program.
    const thief = spawn("/usr/bin/python3", [FOCUS, "steal"], { stdio: ["pipe", "pipe", "inherit"] });
    await new Promise((resolve) => thief.stdout.once("data", resolve));
    assert.throws(() => execFileSync("/usr/bin/python3", [FOCUS, "owner", String(first)]), "the app is not focused yet");

    const second = spawn(process.env.APP_BIN, [], { env: { ...process.env, ...app.dirs }, stdio: "ignore" });
    const code = await Promise.race([
      new Promise((resolve) => second.once("exit", resolve)),
      sleep(30_000).then(() => "still running"),
    ]);
    if (code === "still running") second.kill("SIGKILL");
    assert.equal(code, 0, "the second launch hands over and exits cleanly");
    assert.notEqual(second.pid, first);

    await waitFor("the open window to get the focus", async () => {
      try {
        execFileSync("/usr/bin/python3", [FOCUS, "owner", String(first)]);
        return true;
      } catch {
        return false;
      }
    }, { timeoutMs: 15_000 });
    thief.stdin.end();

    // Still the one app, still working; its log file says what happened.
    assert.equal(app.appPid(), first);
    await app.find('[data-testid="app-ready"]');
    const logs = join(app.dirs.XDG_DATA_HOME, "dev.ecapreflight.desktop", "logs");
    const text = readdirSync(logs).map((f) => readFileSync(join(logs, f), "utf8")).join("");
    assert.match(text, /a second launch: showing the open window instead/);
    assert.match(text, /ECA Preflight starting/);
  } finally {
    await app.quit();
  }
});
