// Starts the simulated org binary (`eca-sim`) for a peer-client test and reads its JSON line.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { get, request as httpsRequest } from "node:https";
import { createInterface } from "node:readline";

const SIM_BIN = process.env.ECA_SIM_BIN;

/** `{ base_url, client_id, client_secret, ca_cert, stop(), state() }` */
export async function startSim(scenario = "healthy", extra = []) {
  if (!SIM_BIN) throw new Error("ECA_SIM_BIN is not set: run the peer tests with `make test-peers`");
  const child = spawn(SIM_BIN, ["--port", "0", "--scenario", scenario, ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`eca-sim exited (${code}) before it was ready`)));
  });
  const sim = JSON.parse(first);
  return {
    ...sim,
    async state() {
      const url = `${sim.base_url}/__sim/state`;
      if (!sim.ca_cert) return (await fetch(url)).json();
      // Over TLS, trusting the org's own CA.
      const ca = readFileSync(sim.ca_cert);
      return new Promise((resolve, reject) => {
        get(url, { ca }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve(JSON.parse(body)));
        }).on("error", reject);
      });
    },
    /**
     * One request to the org (over HTTPS, trusting its own CA): `{ status, body }` (JSON parsed when it is JSON).
     * `token`: a bearer token; `form`: an urlencoded body; `json`: a JSON body.
     */
    async request(method, path, { token, form, json } = {}) {
      const headers = {};
      let body;
      if (token) headers.Authorization = `Bearer ${token}`;
      if (form) {
        body = new URLSearchParams(form).toString();
        headers["Content-Type"] = "application/x-www-form-urlencoded";
      } else if (json !== undefined) {
        body = JSON.stringify(json);
        headers["Content-Type"] = "application/json";
      }
      const ca = sim.ca_cert ? readFileSync(sim.ca_cert) : undefined;
      return new Promise((resolve, reject) => {
        const send = sim.base_url.startsWith("https:") ? httpsRequest : httpRequest;
        const req = send(`${sim.base_url}${path}`, { method, headers, ca }, (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => {
            let parsed = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // Not JSON: the text as it came.
            }
            resolve({ status: res.statusCode, body: parsed });
          });
        });
        req.on("error", reject);
        req.end(body);
      });
    },
    /** Complete a credential rotation: only the staged pair works from now on. */
    async rotate() {
      const res = await fetch(`${sim.base_url}/__sim/rotate`, { method: "POST" });
      if (!res.ok) throw new Error(`rotate answered ${res.status}`);
    },
    stop() {
      child.kill();
    },
  };
}
