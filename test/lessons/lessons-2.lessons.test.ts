// Self-tests of the second shard's chapters (shards.ts splits them by measured time).
import { selfTestChapters } from "./selfTestChapters.ts";

selfTestChapters(1);
