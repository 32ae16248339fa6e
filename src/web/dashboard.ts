/**
 * A minimal dashboard: one static page that lists jobs from /jobs/overview and draws each
 * job's plan from /jobs/:id/plan as boxes in columns (by distance from the sources) with
 * arrows labelled by ship strategy. No framework, no build step; the full dashboard comes later.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Weir</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2rem; color: #1d2430; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
  table { border-collapse: collapse; } td, th { padding: .3rem .8rem; border-bottom: 1px solid #dde; text-align: left; }
  .RUNNING { color: #1769aa; } .FINISHED { color: #2e7d32; } .FAILED { color: #c62828; } .CANCELED { color: #777; }
  svg text { font: 12px system-ui, sans-serif; } #overview span { margin-right: 1.5rem; }
  button { font: inherit; }
</style>
</head>
<body>
<h1>Weir <small id="version"></small></h1>
<div id="overview"></div>
<h2>Jobs</h2>
<table><thead><tr><th>Name</th><th>Id</th><th>State</th><th>Duration</th><th></th></tr></thead><tbody id="jobs"></tbody></table>
<div id="plans"></div>
<script>
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
const get = async (path) => (await fetch(path)).json();
const plans = new Map();

function drawPlan(plan) {
  const depth = new Map();
  const level = (n) => {
    if (depth.has(n.id)) return depth.get(n.id);
    depth.set(n.id, 0);
    const d = Math.max(0, ...n.inputs.map((i) => level(plan.nodes.find((m) => m.id === i.id)) + 1));
    depth.set(n.id, d);
    return d;
  };
  plan.nodes.forEach(level);
  const W = 220, H = 56, GX = 70, GY = 20, pos = new Map(), rows = [];
  for (const n of plan.nodes) {
    const d = depth.get(n.id), r = rows[d] = (rows[d] ?? 0) + 1;
    pos.set(n.id, { x: 10 + d * (W + GX), y: 10 + (r - 1) * (H + GY) });
  }
  const width = 20 + (Math.max(...depth.values()) + 1) * (W + GX), height = 20 + Math.max(...rows) * (H + GY);
  let svg = '<svg width="' + width + '" height="' + height + '"><defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z"/></marker></defs>';
  for (const n of plan.nodes) for (const i of n.inputs) {
    const a = pos.get(i.id), b = pos.get(n.id), x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
    svg += '<line x1="' + x1 + '" y1="' + y1 + '" x2="' + x2 + '" y2="' + y2 + '" stroke="#555" marker-end="url(#a)"/>';
    svg += '<text x="' + (x1 + 4) + '" y="' + ((y1 + y2) / 2 - 4) + '">' + esc(i.ship_strategy) + '</text>';
  }
  for (const n of plan.nodes) {
    const p = pos.get(n.id), name = n.description.length > 34 ? n.description.slice(0, 33) + '…' : n.description;
    svg += '<g><title>' + esc(n.description) + '</title><rect x="' + p.x + '" y="' + p.y + '" width="' + W + '" height="' + H + '" rx="6" fill="#eef3fb" stroke="#6b8fc7"/>';
    svg += '<text x="' + (p.x + 8) + '" y="' + (p.y + 22) + '">' + esc(name) + '</text>';
    svg += '<text x="' + (p.x + 8) + '" y="' + (p.y + 42) + '" fill="#555">parallelism ' + n.parallelism + '</text></g>';
  }
  return svg + '</svg>';
}

async function cancelJob(id) {
  await fetch('/jobs/' + id + '?mode=cancel', { method: 'PATCH' });
  refresh();
}

async function refresh() {
  const [overview, { jobs }] = await Promise.all([get('/overview'), get('/jobs/overview')]);
  document.getElementById('version').textContent = overview['weir-version'];
  document.getElementById('overview').innerHTML = ['taskmanagers', 'slots-total', 'slots-available', 'jobs-running', 'jobs-finished', 'jobs-cancelled', 'jobs-failed']
    .map((k) => '<span>' + k + ': <b>' + overview[k] + '</b></span>').join('');
  document.getElementById('jobs').innerHTML = jobs.map((j) =>
    '<tr><td>' + esc(j.name) + '</td><td><code>' + j.jid + '</code></td><td class="' + j.state + '">' + j.state +
    (j['weir-failure'] ? '<br><small class="failure">' + esc(j['weir-failure']) + '</small>' : '') + '</td><td>' +
    (j.duration / 1000).toFixed(1) + ' s</td><td>' + (j.state === 'RUNNING' ? '<button onclick="cancelJob(\\'' + j.jid + '\\')">Cancel</button>' : '') + '</td></tr>').join('');
  for (const j of jobs) if (!plans.has(j.jid)) {
    const r = await fetch('/jobs/' + j.jid + '/plan');
    plans.set(j.jid, r.ok ? (await r.json()).plan : null);
  }
  document.getElementById('plans').innerHTML = jobs.filter((j) => plans.get(j.jid)).map((j) =>
    '<h2>' + esc(j.name) + ' <small class="' + j.state + '">' + j.state + '</small></h2>' + drawPlan(plans.get(j.jid))).join('');
}
refresh();
setInterval(refresh, 3000);
</script>
</body>
</html>
`;
