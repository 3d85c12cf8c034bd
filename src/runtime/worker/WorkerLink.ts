import { Heartbeat } from "../Heartbeat.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

/**
 * How long a running VM's worker may stay silent. Longer than the guest's own
 * heartbeat: a worker thread is only this quiet when it is stuck, and a false
 * alarm would cost the learner their containers.
 */
const WORKER_SILENCE = { pingAfterMs: 5_000, deadAfterMs: 30_000 };

/**
 * The page's end of the emulator's Web Worker: posts messages, hands over the
 * worker's, and notices when the worker is gone. An `error` or `messageerror`
 * event, or silence while watched, reports `died` once; the worker is then
 * terminated and the link ignores it from then on.
 */
export class WorkerLink {
  #heartbeat: Heartbeat | null = null;
  #dead = false;
  readonly #detach: () => void;

  constructor(
    private readonly worker: Worker,
    private readonly handlers: { message(msg: FromWorker): void; died(err: Error): void },
  ) {
    const onMessage = (e: MessageEvent<FromWorker>) => {
      this.#heartbeat?.heard();
      handlers.message(e.data);
    };
    const onError = (e: ErrorEvent) => this.#die(`the VM worker crashed: ${e.message}`);
    const onMessageError = () => this.#die("the VM worker sent a message the page cannot read");
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    worker.addEventListener("messageerror", onMessageError);
    this.#detach = () => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      worker.removeEventListener("messageerror", onMessageError);
    };
  }

  post(message: ToWorker): void {
    if (!this.#dead) this.worker.postMessage(message);
  }

  /**
   * Ping the worker and declare it dead when it stays silent. Only while the
   * VM runs: restoring a snapshot can keep the worker busy for seconds.
   */
  watch(on: boolean): void {
    if (!on || this.#dead) return this.#unwatch();
    this.#heartbeat ??= new Heartbeat(
      {
        ping: () => this.post({ type: "ping" }),
        dead: () => this.#die("the VM worker stopped responding"),
      },
      WORKER_SILENCE,
    );
  }

  /** Stop the worker for good (idempotent); no `died` is reported. */
  terminate(): void {
    this.#dead = true;
    this.#unwatch();
    this.#detach();
    this.worker.terminate();
  }

  #unwatch(): void {
    this.#heartbeat?.stop();
    this.#heartbeat = null;
  }

  #die(message: string): void {
    if (this.#dead) return;
    this.terminate();
    this.handlers.died(new Error(message));
  }
}
