"""simple-salesforce, a Salesforce client no one here wrote, runs its own Client Credentials
login and the REST calls an integration makes against the simulated org (over HTTPS with the
org's own CA). Where it disagrees with the simulated org, the simulated org is what is wrong.

simple-salesforce builds the token URL as https://{domain}.salesforce.com, so the session below
sends that one host to the simulated org on loopback: nothing leaves this machine.
"""

import json
import os
import subprocess
import unittest
import urllib.request

import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import SalesforceAuthenticationFailed

MY_DOMAIN = "https://acme.my.salesforce.com"


class ToSimulatedOrg(requests.Session):
    """Requests to the org's My Domain go to the simulated org instead."""

    def __init__(self, base_url: str, ca_cert: str):
        super().__init__()
        self.base_url = base_url
        self.verify = ca_cert
        self.trust_env = False

    def request(self, method, url, *args, **kwargs):
        if url.startswith(MY_DOMAIN):
            url = self.base_url + url[len(MY_DOMAIN):]
        return super().request(method, url, *args, **kwargs)


class SimpleSalesforceAgainstTheSimulatedOrg(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc = subprocess.Popen(
            [os.environ["ECA_SIM_BIN"], "--port", "0", "--scenario", "healthy", "--tls"],
            stdout=subprocess.PIPE,
            text=True,
        )
        cls.sim = json.loads(cls.proc.stdout.readline())

    @classmethod
    def tearDownClass(cls):
        cls.proc.kill()
        cls.proc.wait()

    def session(self):
        return ToSimulatedOrg(self.sim["base_url"], self.sim["ca_cert"])

    def state(self):
        with urllib.request.urlopen(
            self.sim["base_url"] + "/__sim/state",
            context=__import__("ssl").create_default_context(cafile=self.sim["ca_cert"]),
        ) as resp:
            return json.load(resp)

    def test_client_credentials_and_the_rest_calls(self):
        sf = Salesforce(
            consumer_key=self.sim["client_id"],
            consumer_secret=self.sim["client_secret"],
            domain="acme.my",
            session=self.session(),
        )
        self.assertEqual("https://" + sf.sf_instance, self.sim["base_url"])

        describe = sf.Account.describe()
        self.assertIn("Name", [f["name"] for f in describe["fields"]])

        created = sf.Account.create({"Name": "simple-salesforce peer test"})
        self.assertTrue(created["success"])
        self.assertTrue(created["id"].startswith("001"))

        record = sf.Account.get(created["id"])
        self.assertEqual(record["Name"], "simple-salesforce peer test")

        found = sf.query(f"SELECT Id, Name FROM Account WHERE Id = '{created['id']}'")
        self.assertEqual(found["totalSize"], 1)
        self.assertEqual(found["records"][0]["Name"], "simple-salesforce peer test")

        self.assertEqual(sf.Account.delete(created["id"]), 204)
        self.assertGreater(sf.limits()["DailyApiRequests"]["Max"], 0)

        revoked = sf.session.post(
            f"https://{sf.sf_instance}/services/oauth2/revoke", data={"token": sf.session_id}
        )
        self.assertEqual(revoked.status_code, 200)
        # The revoked token is refused. (simple-salesforce itself would log in again on a 401.)
        refused = sf.session.get(
            f"https://{sf.sf_instance}/services/data/v59.0/limits/",
            headers={"Authorization": f"Bearer {sf.session_id}"},
        )
        self.assertEqual(refused.status_code, 401)
        self.assertEqual(refused.json()[0]["errorCode"], "INVALID_SESSION_ID")

        state = self.state()
        self.assertEqual(state["records"], [], "nothing left behind")
        self.assertEqual(state["active_tokens"], 0, "the token is revoked")

    def test_a_wrong_secret_is_refused(self):
        with self.assertRaises(SalesforceAuthenticationFailed) as refused:
            Salesforce(
                consumer_key=self.sim["client_id"],
                consumer_secret="not-the-secret",
                domain="acme.my",
                session=self.session(),
            )
        self.assertIn("invalid_client", str(refused.exception))


if __name__ == "__main__":
    unittest.main()
