// Connecting an own org: the domain field refuses login.salesforce.com with the fix, understands a
// Lightning URL, and the consumer secret lands in the Secret Service — never in the store file.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchApp, waitFor } from "./harness.mjs";

const IDENTIFIER = "dev.ecapreflight.desktop";
const SECRET = "E2E-Secret-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
const id = (name) => `[data-testid="${name}"]`;

let app;
before(async () => {
  app = await launchApp("profile");
});
after(async () => {
  await app?.quit();
});

// secret-tool prints the secret on stdout and its attributes on stderr: read both.
function keychainItems() {
  const found = spawnSync("secret-tool", ["search", "--all", "service", IDENTIFIER], {
    encoding: "utf8",
  });
  return `${found.stdout ?? ""}${found.stderr ?? ""}`;
}

test("the domain hint refuses login.salesforce.com and understands a Lightning URL", async () => {
  await app.click(id("connect-own-org"));
  await app.type(id("profile-name"), "Acme production");
  await app.type(id("profile-domain"), "https://login.salesforce.com");
  await waitFor("the refusal", async () => /My Domain/i.test(await app.text(id("domain-hint"))));
  await app.screenshot("domain-refused");
  await app.type(id("profile-domain"), "https://acme.lightning.force.com/lightning/page/home");
  await waitFor("the canonical host", async () =>
    (await app.text(id("domain-hint"))).includes("acme.my.salesforce.com"),
  );
});

test("saving the secret puts it in the Secret Service and nowhere else", async () => {
  await app.type(id("profile-client-id"), "3MVG9E2ETestConsumerKeyForPreflight0001");
  await app.click(id("profile-save"));
  await app.type(id("profile-secret"), SECRET);
  await app.click(id("save-secret"));
  await waitFor("the stored status", async () => /stored/i.test(await app.text(id("secret-status"))));
  assert.equal(await app.value(id("profile-secret")) ?? "", "", "the field is cleared");
  assert.ok(!(await app.pageText()).includes(SECRET), "the secret is not shown anywhere");

  const items = keychainItems();
  assert.match(items, new RegExp(`attribute\\.service = ${IDENTIFIER.replaceAll(".", "\\.")}`), items);
  assert.ok(items.includes(SECRET), "secret-tool reads the secret back from Secret Service");

  const store = join(app.dirs.XDG_DATA_HOME, IDENTIFIER, "profiles.json");
  await waitFor("the store file", async () => existsSync(store));
  const stored = readFileSync(store, "utf8");
  assert.ok(stored.includes("Acme production"), "the profile is in the store");
  assert.ok(!stored.includes(SECRET), "the secret is not in the store file");
  await app.screenshot("profile-saved");
});

test("the setup guide opens Setup pages of this org and remembers ticked steps", async () => {
  await app.click(id("tab-guide"));
  await app.find(id("guide-step-create_app"));
  assert.match(await app.text(id("guide-step-create_app")), /External Client App/i);
  assert.match(await app.text(id("guide-step-policies")), /Run As/i);
  assert.match(await app.text(id("guide-open-create_app")), /External Client App Manager/);
  await app.click(id("guide-tick-create_app"));
  const store = join(app.dirs.XDG_DATA_HOME, IDENTIFIER, "profiles.json");
  await waitFor("the ticked step in the store", async () =>
    JSON.parse(readFileSync(store, "utf8")).profiles[0].setup_done.includes("create_app"),
  );
  await waitFor("the progress line", async () =>
    /^1 of \d+ steps done/.test(await app.text("#guide-progress")),
  );
  await app.screenshot("setup-guide");
});
