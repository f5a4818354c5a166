import { z } from 'zod';
import type { PublishedRecord } from '../sync/publish';

/** The dvhcvn 2025-07-01 dataset (`mapping/merges.json`): provinces with their communes and what they absorbed. */
const Merge = z.object({ old_id: z.string(), name: z.string(), type: z.enum(['full', 'partial']) });
const Dataset = z.object({
  data: z.array(
    z.object({
      level1_id: z.string(),
      name: z.string(),
      merges: z.array(Merge),
      level2s: z.array(z.object({ level2_id: z.string(), name: z.string(), merges: z.array(Merge) })),
    }),
  ),
});

const merged = (m: z.infer<typeof Merge>) => ({ oldCode: m.old_id, name: m.name, type: m.type });

/** One `adminUnit` record per province, its communes inside (34 records rather than 3,321). */
export function adminUnitRecords(json: unknown): PublishedRecord[] {
  return Dataset.parse(json).data.map((p) => ({
    type: 'adminUnit',
    id: p.level1_id,
    content: {
      retired: false,
      name: p.name,
      merges: p.merges.map(merged),
      communes: p.level2s.map((c) => ({ code: c.level2_id, name: c.name, merges: c.merges.map(merged) })),
    },
  }));
}
