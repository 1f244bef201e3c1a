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

// A JWT-based token (`token_format: jwt`) works for REST only: each snippet says so at run time
// (curl, python, node on stderr; newman under the token request), and says nothing for an
// opaque token.
const JWT_NOTE = /JWT-based access tokens \(token_format jwt\)\. They work for REST only/;

async function outputs(scenario) {
  const plain = await startSim(scenario);
  const tls = await startSim(scenario, ["--tls"]);
  const node = join(HERE, ".snippet-under-test.mjs");
  try {
    const secret = (sim) => ({ ECA_PREFLIGHT_CLIENT_SECRET: sim.client_secret });
    const files = {};
    for (const [format, sim, name] of [
      ["curl", plain, join(work, `${scenario}.sh`)],
      ["python", tls, join(work, `${scenario}.py`)],
      ["node", plain, node],
      ["postman", plain, join(work, `${scenario}.postman_collection.json`)],
    ]) {
      writeFileSync(name, snippet(format, sim));
      files[format] = name;
    }
    const runs = {
      curl: run("bash", [files.curl], secret(plain)),
      python: run(PYTHON, [files.python], { ...secret(tls), REQUESTS_CA_BUNDLE: tls.ca_cert }),
      node: run(process.execPath, [files.node], secret(plain)),
      postman: run(join(HERE, "node_modules", ".bin", "newman"), [
        "run", files.postman, "--env-var", `client_secret=${plain.client_secret}`, "--reporters", "cli",
      ]),
    };
    for (const [format, r] of Object.entries(runs)) {
      assert.equal(r.status, 0, `${format} against ${scenario}\n${r.stdout}\n${r.stderr}`);
    }
    assert.equal((await plain.state()).active_tokens, 0);
    assert.equal((await tls.state()).active_tokens, 0);
    return runs;
  } finally {
    rmSync(node, { force: true });
    plain.stop();
    tls.stop();
  }
}

test("a JWT-based token: every snippet notes it works for REST only; an opaque one gets no note", async () => {
  for (const [format, r] of Object.entries(await outputs("jwt-token"))) {
    // newman shows a script's console output in its report, on stdout, in a box it wraps at
    // its width: unwrap it.
    const where = format === "postman" ? r.stdout.replace(/\n\s*│ /g, "") : r.stderr;
    assert.match(where, JWT_NOTE, `${format}:\n${r.stdout}\n${r.stderr}`);
  }
  for (const [format, r] of Object.entries(await outputs("healthy"))) {
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, JWT_NOTE, format);
  }
});
