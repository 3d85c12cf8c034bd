// Self-tests of the first shard: the chapters in FIRST_SHARD (selfTestChapters.ts).
import { selfTestChapters } from "./selfTestChapters.ts";

selfTestChapters("first");
