// Reads the legacy builder's messages: output lines, "Step N/M" progress, the image ID, and the failing
// step, so a failed build says which Dockerfile instruction failed and why.
import type { BuildEvent } from '../../ports/containers';
import type { EngineMessage } from './json-messages';

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const BUILT = /^Successfully built ([0-9a-f]{12,64})$/;

export class BuildOutput {
  private pending = '';
  private currentStep: string | null = null;
  imageId: string | null = null;
  shortImageId: string | null = null;
  failure: string | null = null;

  constructor(private readonly onEvent: (event: BuildEvent) => void) {}

  accept(message: EngineMessage): void {
    if (message.aux?.ID !== undefined) this.imageId = message.aux.ID;
    if (message.stream !== undefined) this.text(message.stream);
    if (message.status !== undefined) {
      // Pull progress of a FROM image: one line per status change, not per byte.
      if (message.progressDetail?.current === undefined) this.line([message.id, message.status].filter(Boolean).join(': '));
    }
    if (message.error !== undefined || message.errorDetail?.message !== undefined) {
      this.flush();
      const reason = (message.errorDetail?.message ?? message.error ?? 'unknown error').trim();
      this.failure = this.currentStep === null ? reason : `${this.currentStep} failed: ${reason}`;
    }
  }

  /** Emits what is left of a line without its line break. */
  flush(): void {
    if (this.pending !== '') this.line(this.pending);
    this.pending = '';
  }

  private text(chunk: string): void {
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(raw: string): void {
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '') return;
    this.onEvent({ kind: 'line', text });
    const step = STEP.exec(text.trim());
    if (step !== null) {
      const [, index = '0', total = '1', instruction = ''] = step;
      this.currentStep = `Step ${index}/${total} (${instruction})`;
      this.onEvent({ kind: 'progress', progress: { fraction: (Number(index) - 1) / Number(total), detail: `Step ${index}/${total}` } });
    }
    const built = BUILT.exec(text.trim());
    if (built !== null) this.shortImageId = built[1] ?? null;
  }
}
