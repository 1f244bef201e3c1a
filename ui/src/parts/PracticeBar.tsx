// The practice bar: which simulated situation the next test of the practice org meets.
import type { ScenarioInfo } from "../ipc/bindings";
import { DIAGNOSIS_TITLES } from "../ipc/bindings";

interface Props {
  scenarios: ScenarioInfo[];
  scenario: string;
  onChange: (id: string) => void;
  disabled: boolean;
}

/** Shown on the practice profile: which simulated situation the next test meets. */
export function PracticeBar({ scenarios, scenario, onChange, disabled }: Props) {
  const current = scenarios.find((s) => s.id === scenario);
  return (
    <section class="practice-bar" aria-labelledby="practice-title" data-testid="practice-bar">
      <div class="practice-row">
        <span class="badge badge-practice" id="practice-title">
          Practice org
        </span>
        <label for="scenario-select">Situation to practise</label>
        <select
          id="scenario-select"
          data-testid="scenario-select"
          value={scenario}
          disabled={disabled || scenarios.length === 0}
          aria-describedby="scenario-description"
          onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
        >
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <p id="scenario-description" class="hint" data-testid="scenario-description">
        {current
          ? `${current.description}${current.expected_code ? ` Expect the diagnosis “${DIAGNOSIS_TITLES[current.expected_code]}”.` : " Expect every step to pass."}`
          : "Loading the practice situations…"}
      </p>
    </section>
  );
}
