// A lazily loaded screen whose module arrives between its first render and its effect (a hover
// preloads it just before the click) still shows: the installed app's About once stayed blank.
import { render, screen, waitFor } from "@testing-library/preact";
import { expect, test } from "vitest";
import { Lazy, type Loader } from "../lib/lazy";

function Shown() {
  return <p>the screen</p>;
}

test("a module that arrives before the effect runs is shown", async () => {
  let calls = 0;
  // Not loaded for the first render (its state and its body), loaded by the time the effect asks.
  const arrivesMidRender: Loader<object> = {
    preload: () => Promise.resolve(Shown),
    loaded: () => (++calls > 2 ? Shown : null),
  };
  render(<Lazy loader={arrivesMidRender} props={{}} fallback={null} />);
  await waitFor(() => expect(screen.getByText("the screen")).toBeTruthy());
});
