// The snippets `eca-preflight-cli snippet` writes, run by their real tools against the
// simulated org: bash + curl, python + simple-salesforce, node + jsforce, newman for the
// Postman collection. The secret is only ever in the environment variable; a wrong one fails.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { startSim } from "./sim.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = process.env.ECA_CLI_BIN;
const PYTHON = process.env.PEERS_PYTHON;
const work = mkdtempSync(join(tmpdir(), "eca-snippets-"));

function snippet(format, sim) {
  return execFileSync(
    CLI,
    ["snippet", "--format", format, "--domain", sim.base_url, "--client-id", sim.client_id],
    { encoding: "utf8" },
  );
}

function run(command, args, env) {
  return spawnSync(command, args, {
    encoding: "utf8",
    cwd: HERE,
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

/** Runs `command` once with the right secret and once with a wrong one. */
async function passesAndFails(sim, command, args, extraEnv = {}) {
  const good = run(command, args, { ...extraEnv, ECA_PREFLIGHT_CLIENT_SECRET: sim.client_secret });
  assert.equal(good.status, 0, `${command} ${args.join(" ")}\n${good.stdout}\n${good.stderr}`);
  const bad = run(command, args, { ...extraEnv, ECA_PREFLIGHT_CLIENT_SECRET: "not-the-secret" });
  assert.notEqual(bad.status, 0, `a wrong secret must fail visibly\n${bad.stdout}\n${bad.stderr}`);
  assert.ok(!`${good.stdout}${good.stderr}`.includes(sim.client_secret), "the secret is never printed");
  const state = await sim.state();
  assert.equal(state.records.length, 0);
  assert.equal(state.active_tokens, 0, "every snippet revokes its token");
  return good.stdout;
}

test("curl: a bash script", async () => {
  const sim = await startSim("healthy");
  try {
    const file = join(work, "salesforce-token.sh");
    writeFileSync(file, snippet("curl", sim));
    const out = await passesAndFails(sim, "bash", [file]);
    assert.match(out, /^OK: token issued and Account described/m);
  } finally {
    sim.stop();
  }
});

test("python: requests + simple-salesforce (HTTPS, the org's CA)", async () => {
  const sim = await startSim("healthy", ["--tls"]);
  try {
    const file = join(work, "salesforce_token.py");
    writeFileSync(file, snippet("python", sim));
    const out = await passesAndFails(sim, PYTHON, [file], { REQUESTS_CA_BUNDLE: sim.ca_cert });
    assert.match(out, /^OK: token issued and Account described/m);
  } finally {
    sim.stop();
  }
});

test("node: jsforce", async () => {
  const sim = await startSim("healthy");
  // Beside node_modules, so `import "jsforce"` resolves.
  const file = join(HERE, ".snippet-under-test.mjs");
  try {
    writeFileSync(file, snippet("node", sim));
    const out = await passesAndFails(sim, process.execPath, [file]);
    assert.match(out, /^OK: token issued and Account described/m);
  } finally {
    rmSync(file, { force: true });
    sim.stop();
  }
});

test("postman: a v2.1 collection run by newman", async () => {
  const sim = await startSim("healthy");
  try {
    const file = join(work, "salesforce-token.postman_collection.json");
    const text = snippet("postman", sim);
    assert.ok(!text.includes(sim.client_secret));
    writeFileSync(file, text);
    const newman = join(HERE, "node_modules", ".bin", "newman");
    const good = run(newman, ["run", file, "--env-var", `client_secret=${sim.client_secret}`, "--reporters", "cli"]);
    assert.equal(good.status, 0, `${good.stdout}\n${good.stderr}`);
    const bad = run(newman, ["run", file, "--env-var", "client_secret=not-the-secret", "--reporters", "cli"]);
    assert.notEqual(bad.status, 0, "a wrong secret fails the collection");
    assert.equal((await sim.state()).active_tokens, 0);
  } finally {
    sim.stop();
  }
});
