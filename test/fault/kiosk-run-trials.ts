import { KIOSK_TRIAL_ENROLL_LIMIT, runKioskTrials } from './kiosk-trial';
import { runTrialsCli } from './trials-cli';

// The kiosk's own sync code under fault trials: `npx tsx test/fault/kiosk-run-trials.ts <trials> [firstSeed]`.
runTrialsCli({
  script: 'kiosk-run-trials.ts',
  defaultTrials: 200,
  enrollLimit: KIOSK_TRIAL_ENROLL_LIMIT,
  run: runKioskTrials,
});
