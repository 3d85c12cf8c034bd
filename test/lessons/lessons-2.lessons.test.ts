// Self-tests of every second chapter (shard 2 of 2); see selfTestChapters.ts.
import { selfTestChapters } from "./selfTestChapters.ts";

selfTestChapters(1, 2);
