// A message for the whole window at the top of the main area (a damaged profile file, a
// failed save…), with a button to dismiss it.
import { useStore } from "../store";

export function Notice() {
  const { notice } = useStore();
  if (notice.value === null) return null;
  return (
    <div class="notice" role="alert" data-testid="notice">
      <span>{notice.value}</span>
      <button
        type="button"
        class="icon-btn"
        aria-label="Dismiss"
        onClick={() => {
          notice.value = null;
        }}
      >
        ×
      </button>
    </div>
  );
}
