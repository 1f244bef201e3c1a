// "Leave without saving?": asked before the admin leaves a profile whose Connection tab holds
// unsaved edits; nothing changes until they confirm.
import { useStore } from "../store";
import { ConfirmDialog } from "./ConfirmDialog";

export function LeaveDialog() {
  const { leaving } = useStore();
  const go = leaving.value;
  if (go === null) return null;
  return (
    <ConfirmDialog
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      danger
      onCancel={() => {
        leaving.value = null;
      }}
      onConfirm={() => {
        leaving.value = null;
        go();
      }}
    >
      <p>The changes on this profile's Connection tab are not saved. They are lost if you leave now.</p>
    </ConfirmDialog>
  );
}
