import { done, refused, type ToolContext, type ToolOutcome } from './toolContext';
import { str, type ToolArgs } from './toolInput';

/**
 * ask_user: the run waits for the user's answer. Stop ends the wait at once (the port resolves
 * `cancelled`, the loop then rolls the turn back); a dismissed question is an answer too, and the
 * model is told it must decide without one.
 */
export async function askUser(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  if (ctx.questions === undefined) return refused('ask_user: no one can be asked here; decide from the plan and the code');
  const answer = await ctx.questions.ask({ text: str(args, 'question'), from: ctx.plan.path }, ctx.signal);
  switch (answer.kind) {
    case 'answered':
      return done(`The user answered: ${answer.text}`);
    case 'dismissed':
      return done('The user did not answer (the question was dismissed). Decide from the plan and the code, and say in your summary what you assumed.');
    case 'cancelled':
      return refused('The run was stopped while waiting for the answer.');
  }
}
