// Navigation helpers shared by the views (kept apart from app.js to avoid an import cycle).
import { h } from './util.js';

let router = () => {};
export function setRouter(fn) {
  router = fn;
}

// A hash URL from a path and an object of params (empty values left out).
export function hashUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) query.set(key, String(value));
  }
  const s = query.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

// Navigates to a hash URL; re-renders even when it is the current one (a repeated search).
export function navigate(url) {
  if (sameHash(location.hash, url)) router();
  else location.hash = url;
}

function sameHash(a, b) {
  const norm = (s) => {
    try {
      return decodeURIComponent(String(s).replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return norm(a) === norm(b);
}

// Replaces the URL without rendering again (state changes inside a view).
export function replaceUrl(url) {
  history.replaceState(null, '', url);
}

export function showError(error) {
  const banner = document.getElementById('error');
  if (!error) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  const status = error.httpStatus ? `（${error.httpStatus} ${error.status || ''}）` : '';
  banner.replaceChildren(h('strong', {}, '出错了'), status, '：', error.message || String(error));
  banner.hidden = false;
}

