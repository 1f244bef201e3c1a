// jsforce, a Salesforce client no one here wrote, runs its own Client Credentials login and the
// REST calls an integration makes against the simulated org. Where it disagrees with the
// simulated org, the simulated org is what is wrong.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import jsforce from "jsforce";
import { startSim } from "./sim.mjs";

let sim;
before(async () => {
  sim = await startSim("healthy");
});
after(() => sim?.stop());

function connection(secret = sim.client_secret) {
  return new jsforce.Connection({
    oauth2: { loginUrl: sim.base_url, clientId: sim.client_id, clientSecret: secret },
    version: "62.0",
  });
}

test("client credentials login, describe, create, retrieve, query, delete, limits, revoke", async () => {
  const conn = connection();
  const user = await conn.authorize({ grant_type: "client_credentials" });
  assert.match(user.organizationId, /^00D/);
  assert.match(user.id, /^005/);
  assert.equal(conn.instanceUrl, sim.base_url);

  const describe = await conn.sobject("Account").describe();
  const name = describe.fields.find((f) => f.name === "Name");
  assert.equal(name.nillable, false);

  const created = await conn.sobject("Account").create({ Name: "jsforce peer test" });
  assert.equal(created.success, true);
  assert.match(created.id, /^001/);

  const record = await conn.sobject("Account").retrieve(created.id);
  assert.equal(record.Name, "jsforce peer test");

  const found = await conn.query(`SELECT Id, Name FROM Account WHERE Id = '${created.id}'`);
  assert.equal(found.totalSize, 1);
  assert.equal(found.records[0].Name, "jsforce peer test");

  const deleted = await conn.sobject("Account").destroy(created.id);
  assert.equal(deleted.success, true);

  const limits = await conn.limits();
  assert.ok(limits.DailyApiRequests.Max > 0);

  await conn.oauth2.revokeToken(conn.accessToken);
  // The revoked token is refused (401 INVALID_SESSION_ID); jsforce then tries to refresh, and
  // this flow has no refresh token.
  await assert.rejects(conn.limits(), /INVALID_SESSION_ID|No refresh token/);

  const state = await sim.state();
  assert.equal(state.records.length, 0, "nothing left behind");
  assert.equal(state.active_tokens, 0, "the token is revoked");
});

test("a wrong secret is refused with invalid_client", async () => {
  const conn = connection("not-the-secret");
  await assert.rejects(conn.authorize({ grant_type: "client_credentials" }), (e) => {
    assert.equal(e.name, "invalid_client");
    assert.match(e.message, /invalid client credentials/);
    return true;
  });
});

// The engine sends its create → read → delete as this one composite call; jsforce sends the same
// body through its generic REST request and reads each part by its referenceId.
test("composite create, read and delete with @{create.id} references", async () => {
  const conn = connection();
  await conn.authorize({ grant_type: "client_credentials" });
  const base = "/services/data/v62.0/sobjects/Account";
  const answer = await conn.request({
    method: "POST",
    url: "/services/data/v62.0/composite",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      allOrNone: false,
      compositeRequest: [
        { method: "POST", url: `${base}/`, referenceId: "create", body: { Name: "jsforce composite" } },
        { method: "GET", url: `${base}/@{create.id}`, referenceId: "read" },
        { method: "DELETE", url: `${base}/@{create.id}`, referenceId: "delete" },
      ],
    }),
  });
  const part = (ref) => answer.compositeResponse.find((p) => p.referenceId === ref);
  assert.equal(part("create").httpStatusCode, 201);
  assert.match(part("create").body.id, /^001/);
  assert.equal(part("read").httpStatusCode, 200);
  assert.equal(part("read").body.Name, "jsforce composite");
  assert.equal(part("read").body.Id, part("create").body.id);
  assert.equal(part("delete").httpStatusCode, 204);
  assert.equal(part("delete").body, null);

  await conn.oauth2.revokeToken(conn.accessToken);
  const state = await sim.state();
  assert.equal(state.records.length, 0, "the composite delete removed the record");
});
