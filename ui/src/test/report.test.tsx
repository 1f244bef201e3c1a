import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { Report } from "../parts/Report";
import { fakeBackend } from "./backend";

const MD = "# ECA Preflight report\n\nAll steps passed.";
const JSON_TEXT = '{"ok":true}';

function stubClipboard() {
  const writeText = vi.fn(async (_: string) => {});
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  return writeText;
}

describe("Report", () => {
  it("fetches both reports first, so Copy writes within the click itself", async () => {
    const writeText = stubClipboard();
    const backend = fakeBackend({ last_report: ({ format }) => (format === "markdown" ? MD : JSON_TEXT) });
    render(<Report />);
    const copy = await screen.findByTestId("report-copy");
    expect(backend.callsTo("last_report").map((c) => c.args)).toEqual([{ format: "markdown" }, { format: "json" }]);
    // No await between the click and the write: WebKitGTK refuses a write after one.
    fireEvent.click(copy);
    expect(writeText).toHaveBeenCalledWith(MD);
    expect(await screen.findByText("Copied")).toBeTruthy();
    fireEvent.click(screen.getByTestId("report-copy-json"));
    expect(writeText).toHaveBeenLastCalledWith(JSON_TEXT);
    expect(backend.callsTo("last_report")).toHaveLength(2);
  });

  it("falls back to a hidden textarea when the Clipboard API refuses", async () => {
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: () => Promise.reject(new Error("denied")) },
      configurable: true,
    });
    let copied = "";
    const exec = vi.fn((cmd: string) => {
      copied = cmd === "copy" ? (document.querySelector("textarea")?.value ?? "") : "";
      return true;
    });
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
    fakeBackend({ last_report: () => MD });
    render(<Report />);
    fireEvent.click(await screen.findByTestId("report-copy"));
    await waitFor(() => expect(exec).toHaveBeenCalledWith("copy"));
    expect(copied).toBe(MD);
    expect(document.querySelector("textarea")).toBeNull();
  });

  it("clears the clipboard's refusal once a copy works", async () => {
    const writeText = vi.fn(async (_: string) => {});
    writeText.mockRejectedValueOnce(new Error("denied"));
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const exec = vi.fn((_: string) => false);
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
    fakeBackend({ last_report: () => MD });
    render(<Report />);
    fireEvent.click(await screen.findByTestId("report-copy"));
    await waitFor(() =>
      expect(screen.getByTestId("report-message").textContent).toBe("The system clipboard refused the copy."),
    );
    fireEvent.click(screen.getByTestId("report-copy"));
    expect(await screen.findByText("Copied")).toBeTruthy();
    expect(screen.getByTestId("report-message").textContent).toBe("");
  });

  it("Save… asks where, then has Rust write the file", async () => {
    const backend = fakeBackend(
      { save_report: () => null, last_report: () => MD },
      { "plugin:dialog|save": () => "/home/admin/report.md" },
    );
    render(<Report />);
    fireEvent.click(screen.getByTestId("report-save-md"));
    await waitFor(() => expect(backend.callsTo("save_report")).toHaveLength(1));
    expect(backend.callsTo("save_report")[0]?.args).toEqual({ path: "/home/admin/report.md", format: "markdown" });
    await waitFor(() =>
      expect(screen.getByTestId("report-message").textContent).toBe("Saved to /home/admin/report.md"),
    );
  });

  it("does nothing when the save dialog is cancelled", async () => {
    const backend = fakeBackend({ save_report: () => null, last_report: () => MD }, { "plugin:dialog|save": () => null });
    render(<Report />);
    fireEvent.click(screen.getByTestId("report-save-json"));
    await waitFor(() => expect(backend.callsTo("plugin:dialog|save")).toHaveLength(1));
    expect(backend.callsTo("save_report")).toHaveLength(0);
  });
});
