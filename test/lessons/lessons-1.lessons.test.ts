// Self-tests of the first shard's chapters (shards.ts splits them by measured time).
import { selfTestChapters } from "./selfTestChapters.ts";

selfTestChapters(0);
