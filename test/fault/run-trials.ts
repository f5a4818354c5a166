import { runTrials, TRIAL_ENROLL_LIMIT } from './trial';
import { runTrialsCli } from './trials-cli';

// Protocol-client fault trials: `npx tsx test/fault/run-trials.ts <trials> [firstSeed]`.
runTrialsCli({
  script: 'run-trials.ts',
  defaultTrials: 1000,
  enrollLimit: TRIAL_ENROLL_LIMIT,
  run: runTrials,
});
