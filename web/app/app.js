// fazhi's browser front-end: hash routing between the search, report and indicator views.
//
// Routes (the URL carries the whole state, so a page can be shared):
//   #/search?q=行政复议&province=四川省&level=county&kind=rule_of_law_report&from=2020&to=2022&page=2
//   #/reports/{id}?ind=litigation.cases&span=120-125
//   #/indicators?id=litigation.cases&code=513327                       (series)
//   #/indicators?id=litigation.cases&mode=compare&year=2021&province=…&order=desc  (comparison)
// After a view has rendered, document.body.dataset.ready is its name ("search", "report",
// "series", "compare", "indicators"), or "error"; body.dataset.nav counts navigations.

import { renderSearch } from './search.js';
import { renderReport } from './report.js';
import { renderIndicators } from './indicators.js';
import { h } from './util.js';
import { showError, setRouter } from './nav.js';
import { ApiError } from './api.js';

let navigation = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/search';
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  return { path, params };
}

async function route() {
  const nav = ++navigation;
  const started = performance.now();
  document.body.dataset.nav = String(nav);
  delete document.body.dataset.ready;
  showError(null);
  const { path, params } = parseHash();
  const view = document.getElementById('view');
  const section = path.split('/')[1] || 'search';
  for (const a of document.querySelectorAll('.site-nav a')) {
    if (a.dataset.nav === (section === 'reports' ? 'search' : section)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const ctx = {
    path,
    params,
    view,
    isCurrent: () => nav === navigation,
    ready(name) {
      if (nav !== navigation) return;
      // Milliseconds from the navigation to the rendered view (fetches included), for tests.
      document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
      document.body.dataset.ready = name;
    },
    fail(error) {
      if (nav !== navigation) return;
      if (!(error instanceof ApiError)) console.error(error); // API errors are shown, not bugs
      showError(error);
      document.body.dataset.error = error.message || String(error);
      document.body.dataset.ready = 'error';
    },
  };
  try {
    let match;
    if (path === '/search' || path === '/' || path === '') {
      await renderSearch(ctx);
    } else if ((match = path.match(/^\/reports\/([^/?]+)$/))) {
      await renderReport(ctx, decodeURIComponent(match[1]));
    } else if (path === '/indicators') {
      await renderIndicators(ctx);
    } else {
      view.replaceChildren(h('h1', {}, '找不到页面'), h('p', {}, h('a', { href: '#/search' }, '返回搜索')));
      ctx.ready('notfound');
    }
  } catch (e) {
    if (e.name !== 'AbortError') ctx.fail(e);
  }
}

setRouter(route);
window.addEventListener('hashchange', route);
// ECharts is a classic deferred script: it runs before module scripts execute, so it is there.
route();
