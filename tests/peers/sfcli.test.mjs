// Salesforce CLI (`sf`, tests/sfcli), which no one here wrote, logs in to the simulated org with
// the admin's access token and reads it as it reads a real org; then `eca-preflight-cli inspect
// --admin-org` takes its login from that sf, as an admin's machine has it. Where sf disagrees
// with the simulated org, the simulated org is what is wrong.
//
// sf never sees the user's own state: a fresh HOME (and XDG dirs) per scenario, a clean
// environment, no telemetry, no update checks, the generic keychain (a file in HOME), and the
// org's CA through NODE_EXTRA_CA_CERTS. sf is slow to start: each command gets up to a minute.
//
// Only the sf part: `node --test --test-name-pattern="Salesforce CLI logs in" sfcli.test.mjs`.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startSim } from "./sim.mjs";

const SF = process.env.ECA_SF_BIN;
const CLI = process.env.ECA_CLI_BIN;
const COMMAND_TIMEOUT_MS = 60_000;
const ALIAS = "sim";
const ADMIN_USERNAME = "admin@practice-org.example";

/** Scenario → the one finding `inspect` must report (none: healthy). */
const SCENARIOS = [
  ["healthy", null],
  ["no-run-as-user", "run_as_missing"],
  ["flow-disabled", "cc_flow_off_policies"],
  ["run-as-email", "run_as_not_found"],
];

/** Only what sf needs, nothing of the user's: no proxies, tokens or sf settings leak in. */
function isolatedEnv(home, sim) {
  return {
    // sf's launcher is `#!/usr/bin/env node`: this test's Node (22, from make) comes first.
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    TMPDIR: home,
    LANG: "C.UTF-8",
    SF_DISABLE_TELEMETRY: "true",
    // Both spellings: sf 2.150 copies SF_AUTOUPDATE_DISABLE to the one oclif's update hook reads
    // (SF_DISABLE_AUTOUPDATE) only in installer builds; with the first alone, an npm install
    // spawns `sf update --autoupdate` in the background.
    SF_AUTOUPDATE_DISABLE: "true",
    SF_DISABLE_AUTOUPDATE: "true",
    SF_SKIP_NEW_VERSION_CHECK: "true",
    SF_USE_GENERIC_UNIX_KEYCHAIN: "true",
    // Only `org login web` and `org open` read it (no browser); none run here, kept as a guard.
    SF_CONTAINER_MODE: "true",
    NODE_EXTRA_CA_CERTS: sim.ca_cert,
  };
}

/** `{ code, stdout, stderr }`; a command still running after a minute is killed and fails. */
function run(file, args, env) {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env, timeout: COMMAND_TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error && (error.killed || typeof error.code !== "number")) {
          reject(new Error(`${file} ${args.join(" ")}: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/** An sf command with `--json`: its exit code and the one JSON document on stdout. */
async function sf(env, args, extraEnv = {}) {
  const out = await run(SF, [...args, "--json"], { ...env, ...extraEnv });
  let doc;
  try {
    doc = JSON.parse(out.stdout);
  } catch {
    const what = `sf ${args.join(" ")} printed no JSON (exit ${out.code})`;
    assert.fail(`${what}:\n${out.stdout}\n${out.stderr}`);
  }
  return { ...out, doc };
}

const withoutSlash = (url) => url.replace(/\/+$/, "");

before(() => {
  assert.ok(SF, "ECA_SF_BIN is not set: run this with `make test-peers`");
  assert.ok(CLI, "ECA_CLI_BIN is not set: run this with `make test-peers`");
});

for (const [scenario, finding] of SCENARIOS) {
  describe(scenario, () => {
    let sim;
    let home;
    let env;
    before(async () => {
      sim = await startSim(scenario, ["--tls"]);
      home = mkdtempSync(join(tmpdir(), "eca-sfcli-"));
      env = isolatedEnv(home, sim);
    });
    after(() => {
      sim?.stop();
      if (home) rmSync(home, { recursive: true, force: true });
    });

    test("Salesforce CLI logs in with the admin's token and reads the org", async () => {
      const login = await sf(
        env,
        ["org", "login", "access-token", "--instance-url", sim.base_url, "--alias", ALIAS,
          "--no-prompt"],
        { SF_ACCESS_TOKEN: sim.admin_token },
      );
      assert.equal(login.code, 0, login.stdout);
      assert.equal(login.doc.status, 0);
      assert.equal(login.doc.result.username, ADMIN_USERNAME);
      assert.match(login.doc.result.orgId, /^00D/);
      assert.equal(login.doc.result.isDevHub, false);

      const display = await sf(env, ["org", "display", "--target-org", ALIAS]);
      assert.equal(display.code, 0, display.stdout);
      const shown = display.doc.result;
      assert.equal(withoutSlash(shown.instanceUrl), sim.base_url);
      assert.equal(shown.username, ADMIN_USERNAME);
      assert.equal(shown.alias, ALIAS);
      assert.equal(shown.connectedStatus, "Connected");
      assert.ok(shown.accessToken.startsWith("[REDACTED]"), shown.accessToken);
      assert.ok(!display.stdout.includes(sim.admin_token), "org display hides the token");

      const token = await sf(env, ["org", "auth", "show-access-token", "--target-org", ALIAS]);
      assert.equal(token.code, 0, token.stdout);
      assert.equal(token.doc.status, 0);
      assert.equal(token.doc.result.accessToken, sim.admin_token);

      const query = await sf(env, [
        "data", "query", "--query", "SELECT Id, Username FROM User", "--target-org", ALIAS,
      ]);
      assert.equal(query.code, 0, query.stdout);
      assert.ok(query.doc.result.totalSize >= 1, query.stdout);
      const usernames = query.doc.result.records.map((r) => r.Username);
      assert.ok(usernames.includes(ADMIN_USERNAME), usernames.join(", "));
      assert.ok(query.doc.result.records.every((r) => /^005/.test(r.Id)));

      // Everything sf asked for was there: only the Dev Hub probe (ScratchOrgInfo) is refused,
      // as a real org that is not a Dev Hub refuses it.
      const { requests } = await sim.state();
      const missing = requests.filter((r) => r.status === 404 || r.status >= 500);
      assert.deepEqual(missing, [], "requests the simulated org could not answer");
    });

    test("eca-preflight-cli inspect --admin-org finds the wrong setting", async () => {
      const out = await run(
        CLI,
        ["inspect", "--admin-org", ALIAS, "--client-id", sim.client_id, "--ca-cert", sim.ca_cert,
          "--json"],
        { ...env, ECA_PREFLIGHT_SF: SF },
      );
      let doc;
      try {
        doc = JSON.parse(out.stdout);
      } catch {
        assert.fail(`inspect printed no JSON (exit ${out.code}):\n${out.stdout}\n${out.stderr}`);
      }
      const codes = doc.findings.map((f) => f.code);
      assert.deepEqual(codes, finding ? [finding] : [], `${out.stdout}\n${out.stderr}`);
      assert.equal(out.code, finding ? 1 : 0, out.stderr);
      assert.ok(!(out.stdout + out.stderr).includes(sim.admin_token), "no token in the output");
    });
  });
}
