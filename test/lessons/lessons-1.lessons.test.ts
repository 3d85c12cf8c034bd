// Self-tests of every second chapter (shard 1 of 2); see selfTestChapters.ts.
import { selfTestChapters } from "./selfTestChapters.ts";

selfTestChapters(0, 2);
