// Self-tests of the second shard: every chapter not in FIRST_SHARD (selfTestChapters.ts).
import { selfTestChapters } from "./selfTestChapters.ts";

selfTestChapters("rest");
