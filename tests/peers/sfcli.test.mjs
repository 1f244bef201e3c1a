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
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { startSim } from "./sim.mjs";

const SF = process.env.ECA_SF_BIN;
const CLI = process.env.ECA_CLI_BIN;
const COMMAND_TIMEOUT_MS = 60_000;
const ALIAS = "sim";
const ADMIN_USERNAME = "admin@practice-org.example";
/** The package a new app is made of, in two deploys (mdapi format, as create-app writes it). */
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "eca-package");
const NEW_APP = "Peer_Sync";
/** Each phase's components: type → file, as the package lays them out. */
const PHASES = {
  phase1: {
    ExternalClientApplication: "externalClientApps/Peer_Sync.eca",
    ExtlClntAppGlobalOauthSettings: "extlClntAppGlobalOauthSets/Peer_Sync_glbloauth.ecaGlblOauth",
    ExtlClntAppOauthSettings: "extlClntAppOauthSettings/Peer_Sync_oauth.ecaOauth",
  },
  phase2: {
    ExtlClntAppOauthConfigurablePolicies:
      "extlClntAppOauthPolicies/Peer_Sync_oauthPlcy.ecaOauthPlcy",
  },
};

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

/** `sf org login access-token` with the admin's token, as the alias `sim`. */
async function logIn(env, sim) {
  const login = await sf(
    env,
    ["org", "login", "access-token", "--instance-url", sim.base_url, "--alias", ALIAS,
      "--no-prompt"],
    { SF_ACCESS_TOKEN: sim.admin_token },
  );
  assert.equal(login.code, 0, login.stdout);
  return login;
}

/** Requests the simulated org could not answer (404 or 5xx), as `{method path status}`. */
async function unanswered(sim) {
  const { requests } = await sim.state();
  return requests
    .filter((r) => r.status === 404 || r.status >= 500)
    .map((r) => `${r.method} ${r.path} ${r.status}`);
}

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
      const login = await logIn(env, sim);
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

describe("Salesforce CLI deploys a new External Client App into the practice org", () => {
  let sim;
  let home;
  let env;
  before(async () => {
    // The created app's key works at once (a real org takes a while: check --wait rides it out).
    sim = await startSim("healthy", ["--tls", "--propagation-s", "0"]);
    home = mkdtempSync(join(tmpdir(), "eca-sfcli-deploy-"));
    env = isolatedEnv(home, sim);
    await logIn(env, sim);
  });
  after(() => {
    sim?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const deploy = (dir) =>
    sf(env, ["project", "deploy", "start", "--metadata-dir", dir, "--target-org", ALIAS, "--wait",
      "1"]);

  /** The new app's consumer key and secret, read as create-app reads them (Connect REST). */
  async function newPair() {
    const admin = { token: sim.admin_token };
    const usage = await sim.request("GET", "/services/data/v68.0/apps/oauth/usage", admin);
    assert.equal(usage.status, 200, JSON.stringify(usage.body));
    const app = usage.body.apps.find((a) => a.developerName === NEW_APP);
    assert.ok(app, JSON.stringify(usage.body));
    const listed = await sim.request(
      "GET", `/services/data/v68.0/apps/oauth/credentials/${app.identifier}`, admin);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const [consumer] = listed.body.consumers;
    const pair = await sim.request("GET", `${consumer.url}?part=keyandsecret`, admin);
    assert.equal(pair.status, 200, JSON.stringify(pair.body));
    assert.equal(pair.body.key, consumer.key);
    return pair.body;
  }

  const grant = (pair) =>
    sim.request("POST", "/services/oauth2/token", {
      form: { grant_type: "client_credentials", client_id: pair.key, client_secret: pair.secret },
    });

  test("phase 1 then phase 2: the new app exists and its own pair gets a token", async () => {
    for (const [phase, components] of Object.entries(PHASES)) {
      const out = await deploy(join(PACKAGE, phase));
      assert.equal(out.code, 0, `${phase}: ${out.stdout}\n${out.stderr}`);
      const result = out.doc.result;
      assert.equal(result.status, "Succeeded", phase);
      assert.equal(result.success, true);
      assert.equal(result.numberComponentsDeployed, Object.keys(components).length, phase);
      const files = Object.fromEntries(result.files.map((f) => [f.type, f.filePath]));
      assert.deepEqual(files, components, phase);
      assert.ok(result.files.every((f) => f.state === "Created"), JSON.stringify(result.files));
      if (phase === "phase1") {
        // The app exists, but its policies (phase 2) do not yet: the flow is off there.
        const early = await grant(await newPair());
        assert.equal(early.status, 400);
        assert.equal(early.body.error, "oauth_flow_disabled");
      }
    }
    const pair = await newPair();
    assert.notEqual(pair.key, sim.client_id, "the new app has its own key");
    const token = await grant(pair);
    assert.equal(token.status, 200, JSON.stringify(token.body));
    const limits = await sim.request("GET", "/services/data/v68.0/limits", {
      token: token.body.access_token,
    });
    assert.equal(limits.status, 200);

    // inspect, with sf's login, finds the new app and no error in it (scopes `Api` alone, as
    // the package has them, earn the warning that the check cannot show the Run As user).
    const inspect = await run(
      CLI,
      ["inspect", "--admin-org", ALIAS, "--client-id", pair.key, "--ca-cert", sim.ca_cert,
        "--json"],
      { ...env, ECA_PREFLIGHT_SF: SF },
    );
    const doc = JSON.parse(inspect.stdout);
    assert.deepEqual(
      doc.findings.map((f) => `${f.severity} ${f.code}`),
      ["warning scopes_missing_openid"],
      inspect.stdout,
    );
    assert.equal(inspect.code, 0, `${inspect.stdout}\n${inspect.stderr}`);
    assert.ok(!(inspect.stdout + inspect.stderr).includes(pair.secret), "no secret in the output");
    assert.deepEqual(await unanswered(sim), [], "requests the simulated org could not answer");
  });

  test("a refused deploy shows Salesforce's component error and changes nothing", async () => {
    // The doc trap: the flow's fields in ExtlClntAppConfigurablePolicies.
    const dir = mkdtempSync(join(home, "trap-"));
    cpSync(join(PACKAGE, "phase2"), dir, { recursive: true });
    writeFileSync(
      join(dir, "package.xml"),
      readFileSync(join(dir, "package.xml"), "utf8")
        .replace("Peer_Sync_oauthPlcy", "Peer_Sync_plcy")
        .replace("ExtlClntAppOauthConfigurablePolicies", "ExtlClntAppConfigurablePolicies"),
    );
    rmSync(join(dir, "extlClntAppOauthPolicies"), { recursive: true });
    cpSync(join(PACKAGE, "phase2", "extlClntAppOauthPolicies", "Peer_Sync_oauthPlcy.ecaOauthPlcy"),
      join(dir, "extlClntAppPolicies", "Peer_Sync_plcy.ecaPlcy"));
    writeFileSync(
      join(dir, "extlClntAppPolicies", "Peer_Sync_plcy.ecaPlcy"),
      readFileSync(join(dir, "extlClntAppPolicies", "Peer_Sync_plcy.ecaPlcy"), "utf8")
        .replaceAll("ExtlClntAppOauthConfigurablePolicies", "ExtlClntAppConfigurablePolicies"),
    );
    const before = await sim.request("GET", "/services/data/v68.0/apps/oauth/usage", {
      token: sim.admin_token,
    });
    const out = await deploy(dir);
    assert.notEqual(out.code, 0, out.stdout);
    const failures = out.doc.result?.details?.componentFailures ?? out.doc.data?.details?.componentFailures;
    const problems = [failures].flat().map((f) => f.problem);
    assert.ok(
      problems.some((p) => p.includes(
        "Element {http://soap.sforce.com/2006/04/metadata}clientCredentialsFlowUser invalid at this location in type ExtlClntAppConfigurablePolicies",
      )),
      out.stdout,
    );
    const afterwards = await sim.request("GET", "/services/data/v68.0/apps/oauth/usage", {
      token: sim.admin_token,
    });
    assert.deepEqual(afterwards.body, before.body);
  });
});

describe("Salesforce CLI converts the package to source format", () => {
  let home;
  let env;
  before(() => {
    home = mkdtempSync(join(tmpdir(), "eca-sfcli-convert-"));
    env = isolatedEnv(home, { ca_cert: "" });
    writeFileSync(
      join(home, "sfdx-project.json"),
      JSON.stringify({ packageDirectories: [{ path: "force-app", default: true }],
        sourceApiVersion: "64.0" }),
    );
  });
  after(() => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test("sf project convert mdapi finds every component create-app --package-dir writes", async () => {
    // The package as eca-preflight-cli writes it (no admin login, nothing sent anywhere).
    const written = join(home, "written");
    const made = await run(
      CLI,
      ["create-app", "--name", NEW_APP, "--run-as", "preflight.integration@practice-org.example",
        "--run-as-profile", "Minimum Access - API Only Integrations", "--package-dir", written],
      { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home },
    );
    assert.equal(made.code, 0, made.stderr);
    for (const [phase, components] of Object.entries(PHASES)) {
      const out = await new Promise((resolve, reject) => {
        execFile(
          SF,
          ["project", "convert", "mdapi", "--root-dir", join(written, phase), "--output-dir",
            join(home, "out", phase), "--json"],
          { env, cwd: home, timeout: COMMAND_TIMEOUT_MS, killSignal: "SIGKILL" },
          (error, stdout, stderr) =>
            error && typeof error.code !== "number" ? reject(error) : resolve({ stdout, stderr }),
        );
      });
      const doc = JSON.parse(out.stdout);
      assert.equal(doc.status, 0, out.stdout);
      const converted = doc.result.map((f) => `${f.type} ${f.fullName}`).sort();
      const expected = Object.entries(components)
        .map(([type, file]) => `${type} ${file.split("/")[1].split(".")[0]}`)
        .sort();
      assert.deepEqual(converted, expected, phase);
    }
  });
});
