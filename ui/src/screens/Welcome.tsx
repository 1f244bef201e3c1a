// The first screen of a first launch: try the practice org, or connect your own org.
import { usePractice } from "../hooks/usePractice";
import { useProfiles } from "../hooks/useProfiles";

/** The welcome screen with its actions from the store. */
export function WelcomeScreen() {
  const practice = usePractice();
  const { newDraft } = useProfiles();
  return <Welcome onPractice={practice.start} onConnect={newDraft} starting={practice.starting} error={practice.error} />;
}

interface Props {
  onPractice: () => void;
  onConnect: () => void;
  /** Set while the practice org starts. */
  starting: boolean;
  error: string | null;
}

/** First launch: the practice org is the default way in, next to connecting a real org. */
export function Welcome({ onPractice, onConnect, starting, error }: Props) {
  return (
    <section class="welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h1 id="welcome-title">Check your External Client App in one click</h1>
      <p class="lead">
        ECA Preflight tests an External Client App set up for the OAuth 2.0 Client Credentials
        flow: it gets a token, shows who the integration runs as, creates and deletes a test
        record, and when something fails, tells you which Setup page and field to fix.
      </p>
      <div class="welcome-choices">
        <div class="choice choice-primary">
          <h2>Try without an org</h2>
          <p>
            A practice org runs inside the app. Pick a situation — a healthy app, a wrong secret, a
            missing Run As user… — and see what each diagnosis looks like. Nothing leaves this
            computer.
          </p>
          <button
            type="button"
            class="btn btn-primary btn-large"
            data-testid="practice-start"
            disabled={starting}
            onClick={onPractice}
          >
            {starting ? "Starting the practice org…" : "Try without an org"}
          </button>
        </div>
        <div class="choice">
          <h2>Connect my org</h2>
          <p>
            Enter your My Domain and the app's consumer key and secret. A step-by-step guide helps
            you create the External Client App if you have not yet.
          </p>
          <button
            type="button"
            class="btn btn-large"
            data-testid="connect-own-org"
            onClick={onConnect}
          >
            Connect my org
          </button>
        </div>
      </div>
      {error ? (
        <p class="hint hint-error" role="alert" data-testid="welcome-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
