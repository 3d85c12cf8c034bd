import { mount } from "svelte";
import { keyValueStore } from "../state/keyValueStore.ts";
import { readFragment } from "./readReceipts.ts";
import Roster from "./Roster.svelte";
import { RosterState } from "./RosterState.svelte.ts";
import "./roster.css";

// The instructor's roster (roster.html): receipts learners hand over, kept in
// this browser. Nothing is sent anywhere; a QR link's receipt rides in the
// #fragment, which browsers never send to a server.
const roster = new RosterState(keyValueStore());
await roster.load().catch(() => {});

/** A QR link's receipt joins the roster once; the fragment is then removed so a reload does not add it again. */
async function takeFragment(): Promise<void> {
  const fragment = location.hash.slice(1);
  if (!fragment) return;
  history.replaceState(history.state, "", location.pathname + location.search);
  await roster.add(await readFragment(decodeURIComponent(fragment)));
}
window.addEventListener("hashchange", () => void takeFragment());
await takeFragment();

mount(Roster, { target: document.getElementById("roster")!, props: { roster } });
