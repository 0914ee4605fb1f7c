import type { Command } from './command';
import type { Logger } from '../log';

export class ShowLogCommand implements Command {
  readonly id = 'redline.showLog';
  constructor(private readonly log: Logger) {}
  execute(): void {
    this.log.show();
  }
}
