import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { UseIt } from "../parts/UseIt";
import { fakeBackend } from "./backend";

describe("Use it", () => {
  it("shows the code for each language, copies it and saves it", async () => {
    const copied: string[] = [];
    Object.assign(navigator, {
      clipboard: { writeText: async (t: string) => void copied.push(t) },
    });
    const backend = fakeBackend(
      {
        snippet: ({ format }) => `# ${format} code reading $ECA_PREFLIGHT_CLIENT_SECRET`,
        save_snippet: () => null,
      },
      { "plugin:dialog|save": () => "/home/admin/salesforce-token.postman_collection.json" },
    );
    render(<UseIt profileId="p1" />);
    await waitFor(() =>
      expect(screen.getByTestId("snippet-code").textContent).toBe(
        "# curl code reading $ECA_PREFLIGHT_CLIENT_SECRET",
      ),
    );
    fireEvent.click(screen.getByTestId("snippet-format-postman"));
    await waitFor(() => expect(screen.getByTestId("snippet-code").textContent).toContain("# postman"));
    expect(backend.callsTo("snippet").map((c) => c.args.format)).toEqual(["curl", "postman"]);
    fireEvent.click(screen.getByTestId("snippet-copy"));
    await waitFor(() => expect(copied).toEqual(["# postman code reading $ECA_PREFLIGHT_CLIENT_SECRET"]));
    fireEvent.click(screen.getByTestId("snippet-save"));
    await waitFor(() =>
      expect(backend.callsTo("save_snippet")[0]?.args).toEqual({
        id: "p1",
        format: "postman",
        path: "/home/admin/salesforce-token.postman_collection.json",
      }),
    );
    expect(screen.getByTestId("snippet-message").textContent).toContain("environment file");
  });
});
