/**
 * Deterministic renderings of a JobGraph: indented text for terminals and golden files,
 * Graphviz DOT and Mermaid for pictures.
 */
import type { JobGraph, JobVertex } from './job-graph.ts';

function edgeLabel(e: JobGraph['edges'][number]): string {
  const parts: string[] = [e.partitioner.toUpperCase()];
  if (e.sideOutputTag !== null) parts.push(`side:${e.sideOutputTag}`);
  if (e.targetInput > 0) parts.push(`input ${e.targetInput + 1}`);
  return parts.join(' ');
}

/**
 * @example
 * Job "wordcount": 2 vertices, 1 edge
 * v1  Source: lines -> Flat Map  [parallelism 1, max 128]
 *  └─HASH─► v3
 * v3  Keyed Sum -> Sink: Print  [parallelism 1, max 128]
 */
export function jobGraphToText(g: JobGraph): string {
  const lines = [
    `Job "${g.jobName}": ${g.vertices.length} vertices, ${g.edges.length} edge${g.edges.length === 1 ? '' : 's'}`,
  ];
  for (const v of g.vertices) {
    lines.push(`${v.id}  ${v.name}  [parallelism ${v.parallelism}, max ${v.maxParallelism}]`);
    for (const op of v.operators) {
      const keyed = op.keySelectors !== null ? ' keyed' : '';
      lines.push(`  · ${op.kind}${keyed}  uid=${op.uid}`);
    }
    for (const e of g.edges.filter((x) => x.source === v.id)) lines.push(`   └─${edgeLabel(e)}─► ${e.target}`);
  }
  return lines.join('\n') + '\n';
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function vertexCaption(v: JobVertex): string {
  return `${v.operators.map((o) => o.name).join('\n')}\nparallelism ${v.parallelism}`;
}

export function jobGraphToDot(g: JobGraph): string {
  const lines = [`digraph ${quote(g.jobName)} {`, '  rankdir=LR;', '  node [shape=box, style=rounded];'];
  for (const v of g.vertices) lines.push(`  ${v.id} [label=${quote(vertexCaption(v))}];`);
  for (const e of g.edges) lines.push(`  ${e.source} -> ${e.target} [label=${quote(edgeLabel(e))}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function jobGraphToMermaid(g: JobGraph): string {
  const esc = (s: string): string => s.replace(/"/g, '#quot;').replace(/\n/g, '<br/>');
  const lines = ['flowchart LR'];
  for (const v of g.vertices) lines.push(`  ${v.id}["${esc(vertexCaption(v))}"]`);
  for (const e of g.edges) lines.push(`  ${e.source} -->|${esc(edgeLabel(e))}| ${e.target}`);
  return lines.join('\n') + '\n';
}
