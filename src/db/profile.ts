import type { ResultSummary } from 'neo4j-driver';
import { LIMITS } from '../limits';
import type { PlanStep, QueryProfile } from '../observe/requestScope';

type ProfiledPlan = Exclude<ResultSummary['profile'], false>;

/** Total database hits of a plan, every operator counted. */
function totalHits(plan: ProfiledPlan): number {
  return Number(plan.dbHits) + plan.children.reduce((sum, child) => sum + totalHits(child), 0);
}

/** The plan tree, breadth first up to `budget` operators, so one huge plan cannot swell a response. */
function steps(root: ProfiledPlan, budget: number): PlanStep {
  const toStep = (plan: ProfiledPlan): PlanStep => ({
    // Neo4j 5 names operators with the database they ran on ("Filter@neo4j"); the request already says which.
    operator: plan.operatorType.replace(/@[^@]*$/, ''),
    details: plan.arguments.Details ?? '',
    rows: Number(plan.rows),
    dbHits: Number(plan.dbHits),
    children: [],
  });
  const top = toStep(root);
  let left = budget - 1;
  const queue: Array<[ProfiledPlan, PlanStep]> = [[root, top]];
  while (queue.length > 0) {
    const [plan, step] = queue.shift() as [ProfiledPlan, PlanStep];
    for (const child of plan.children) {
      if (left <= 0) return top;
      left -= 1;
      const childStep = toStep(child);
      step.children.push(childStep);
      queue.push([child, childStep]);
    }
  }
  return top;
}

/** What a PROFILEd query's summary tells about it, or undefined when Neo4j sent no profile. */
export function profileOf(tag: string, mode: 'READ' | 'WRITE', summary: ResultSummary): QueryProfile | undefined {
  const plan = summary.profile;
  if (!plan) return undefined;
  return { tag, mode, rows: Number(plan.rows), dbHits: totalHits(plan), plan: steps(plan, LIMITS.observe.planSteps) };
}
