// The before → after sheet: every setting a change makes in the org, shown before anything is
// sent, confirmed by the admin.
import type { ComponentChildren } from "preact";
import type { ChangeRow } from "../lib/change";
import { ConfirmDialog } from "./ConfirmDialog";

interface Props {
  title: string;
  /** Above the table: what happens, and "this is a production org" where it is one. */
  children?: ComponentChildren;
  rows: ChangeRow[];
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal table of the changes; Cancel has the focus, nothing is sent until Confirm. */
export function ChangeSheet({ title, children, rows, confirmLabel, onConfirm, onCancel }: Props) {
  return (
    <ConfirmDialog title={title} confirmLabel={confirmLabel} onConfirm={onConfirm} onCancel={onCancel}>
      {children}
      <table class="change-sheet" data-testid="change-sheet">
        <caption class="sr-only">Each setting, before and after</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Setting</th>
            <th scope="col">Now</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
            <tr key={i} data-testid="change-row">
              <td>{r.where}</td>
              <td>
                <code>{r.setting}</code>
              </td>
              <td>{r.before === null ? <span class="muted">(not set)</span> : r.before}</td>
              <td>
                <strong>{r.after}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConfirmDialog>
  );
}
