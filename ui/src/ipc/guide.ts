// Generated from src-tauri/crates/core/guide.toml by the app's bindings test
// (UPDATE_BINDINGS=1 cargo test -p eca-preflight bindings). Do not edit.

import type { SetupStep } from "./bindings";

/** A value the admin pastes into Salesforce. */
export interface CopyValue {
  label: string;
  value: string;
}

export interface GuideStep {
  id: SetupStep;
  title: string;
  /** What to click and choose, in order. `**bold**` marks Salesforce's own labels. */
  actions: string[];
  /** Values the admin pastes into Salesforce. */
  copy: CopyValue[];
  /** Extra advice shown under the actions. */
  note?: string;
}

/** Unused by the Client Credentials flow, but Salesforce will not save the app without one. */
export const CALLBACK_URL = "http://localhost:1717/callback";

export const GUIDE_STEPS: GuideStep[] = [
  {
    id: "create_app",
    title: "Create the External Client App",
    actions: [
      "In Setup, type **External Client App Manager** in Quick Find and open it.",
      "Click **New External Client App**.",
      "Set **Distribution State** to **Local**.",
      "Fill in **External Client App Name** and **Contact Email**.",
    ],
    copy: [],
  },
  {
    id: "oauth_settings",
    title: "Turn on OAuth and choose the scopes",
    actions: [
      "Open the **API (Enable OAuth Settings)** section and tick **Enable OAuth**.",
      "Enter a **Callback URL**. This flow never uses it, but Salesforce requires one.",
      "Under **OAuth Scopes**, add **Manage user data via APIs (api)**.",
      "Also add **Access unique user identifiers (openid)** and **Access the identity URL service (id, profile, email, address, phone)** so the test can show the Run As user.",
    ],
    copy: [
      { label: "Callback URL", value: "http://localhost:1717/callback" },
      { label: "Scope", value: "Manage user data via APIs (api)" },
      { label: "Scope", value: "Access unique user identifiers (openid)" },
      { label: "Scope", value: "Access the identity URL service (id, profile, email, address, phone)" },
    ],
    note: "Full access (full) and Perform requests at any time (refresh_token, offline_access) are ignored by this flow. An app with only those scopes fails with “no valid scopes defined”.",
  },
  {
    id: "flow_enablement",
    title: "Enable the Client Credentials Flow (Settings)",
    actions: [
      "In **Flow Enablement**, tick **Enable Client Credentials Flow** (some releases call it **Enable Authorization Code and Credentials Flow**) and accept the warning.",
      "Under **Security**, leave PKCE and the refresh token options as they are: they do not apply to this flow.",
      "Click **Create**.",
    ],
    copy: [],
  },
  {
    id: "policies",
    title: "Enable the flow on the Policies tab and set Run As",
    actions: [
      "Open the app, go to the **Policies** tab and click **Edit**.",
      "Under **OAuth Policies**, tick **Enable Client Credentials Flow** here too. The flow must be on in both places.",
      "In **Run As**, enter the integration user's **Username** — the login name on their user record. It looks like an email address but often is not their email (for example integration@acme.com.prod).",
      "If **Permitted Users** is **Admin approved users are pre-authorized**, add the Run As user's profile or permission set to the app.",
      "Click **Save**.",
    ],
    copy: [],
    note: "“no client credentials user enabled” means Run As is empty, holds an email instead of a username, or the flow is off on this tab.",
  },
  {
    id: "run_as_user",
    title: "Give the Run As user API access",
    actions: [
      "Make sure the Run As user is active and has the **API Enabled** permission.",
      "Give it create, read and delete access to the test object (Account unless you choose another).",
      "Salesforce recommends a **Salesforce Integration** user license with the **Minimum Access - API Only Integrations** profile, plus a permission set for the object access.",
    ],
    copy: [],
  },
  {
    id: "consumer_key",
    title: "Copy the consumer key and secret",
    actions: [
      "Open the app's **Settings** tab, then **OAuth Settings**, and click **Consumer Key and Secret**.",
      "Enter the verification code Salesforce emails you.",
      "Paste the **Consumer Key** and the **Consumer Secret** into this profile on the Connection tab. The secret goes straight into your system keychain.",
    ],
    copy: [],
  },
  {
    id: "my_domain",
    title: "Find your My Domain",
    actions: [
      "In Setup, type **My Domain** in Quick Find and open it.",
      "Copy the **Current My Domain URL** (for example acme.my.salesforce.com) into this profile. A Lightning or Setup address from your browser works too.",
      "Do not use login.salesforce.com or test.salesforce.com: the Client Credentials flow refuses them.",
    ],
    copy: [],
  },
  {
    id: "wait",
    title: "Wait up to 10 minutes",
    actions: [
      "New apps and changes to them can take up to 10 minutes to reach every Salesforce server.",
      "If the test says the consumer key is unknown right after you created the app, wait a few minutes and run it again.",
    ],
    copy: [],
  },
];
