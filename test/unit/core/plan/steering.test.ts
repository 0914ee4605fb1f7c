import * as assert from 'node:assert/strict';
import { steeringLoss } from '../../../../src/core/plan/steering';

const plan = (checks: string[], constraints: string[]) =>
  `# P\n\n## Goal\nG\n\n## Steps\n- [ ] one\n\n## Checks\n${checks.map((c) => `- \`${c}\`\n`).join('')}\n## Constraints\n${constraints.map((c) => `- \`${c}\`\n`).join('')}`;

describe('plan/steeringLoss', () => {
  it('names each check and constraint a new version drops or rewrites', () => {
    assert.deepEqual(steeringLoss(plan(['npm test', 'npm run lint'], ['src/generated/**']), plan(['npm test -- --bail'], [])), [
      'Check dropped or rewritten: npm test',
      'Check dropped or rewritten: npm run lint',
      'Constraint dropped or rewritten: src/generated/**',
    ]);
  });

  it('asks nothing of a draft that only fills a new plan or adds to its checks and constraints', () => {
    assert.deepEqual(steeringLoss(plan([], []), plan(['npm test'], ['package-lock.json'])), []);
    assert.deepEqual(steeringLoss(plan(['npm test'], ['a/**']), plan(['npm test', 'npm run lint'], ['a/**', 'b/**'])), []);
    assert.deepEqual(steeringLoss(null, plan(['npm test'], [])), []);
  });

  it('counts a deleted plan as dropping everything it had', () => {
    assert.deepEqual(steeringLoss(plan(['npm test'], ['a/**']), null), ['Check dropped or rewritten: npm test', 'Constraint dropped or rewritten: a/**']);
  });
});
