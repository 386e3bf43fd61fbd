// The trace's checks as ✓ / ✗ rows.

import type { Check } from '../../sim';
import type { CheckRow } from '../types';

export function checkRows(checks: readonly Check[]): CheckRow[] {
  return checks.map((check) => ({
    name: check.name,
    mark: check.ok ? 'pass' : 'fail',
    ...(check.detail === undefined ? {} : { detail: check.detail })
  }));
}
