namespace PkAnalytics.Bench.Users;

/// <summary>
/// The script every bench page runs before the dashboard's own scripts: it times, inside the browser, when the page's
/// data is on screen. A dashboard page is prerendered with its data, then the Blazor circuit starts, the page
/// component runs again (its loading state, "Memuat ...") and renders the data once more, now live; Radzen charts are
/// drawn only then (they measure their width in the browser). So a page counts as done when its own data is shown,
/// no loading state is left, every chart is drawn, and the circuit has rendered it: on a full load, the loading state
/// was seen after the circuit's WebSocket opened, or the page changed after the circuit's first render batch arrived;
/// on an in-app navigation (which keeps the circuit) the new page's data is there (page kinds alternate, so the old
/// page's DOM never passes for the new one). Times are performance.now() of the page: from the start of the navigation, free of the bench's own
/// scheduling. A page error (the alert PageState shows) or the reconnect dialog ends the wait as an error.
/// </summary>
internal static class PageProbe
{
    public const string InitScript = """
        (() => {
          const Native = window.WebSocket;
          const state = window.__pk = {
            kind: null, t0: 0, loadingSeen: false, loadingAt: null, firstData: null, done: null, error: null, socketOpen: null, full: true, elements: null, trace: [], lastMark: null, messages: 0, circuitRendered: false, path: null,
          };
          window.WebSocket = class extends Native {
            constructor(url, protocols) {
              super(url, protocols);
              if (String(url).includes('/_blazor')) {
                this.addEventListener('open', () => { state.socketOpen = performance.now(); check(); });
                this.addEventListener('message', () => { state.messages++; });
                this.addEventListener('close', () => { if (state.done === null && state.error === null) state.error = 'circuit: WebSocket closed'; });
              }
            }
          };
          const kindOf = () => {
            const p = location.pathname;
            if (p === '/' || p === '/ringkasan') return 'overview';
            if (p.startsWith('/perbandingan')) return 'comparison';
            if (p.startsWith('/opd/')) return 'agency';
            return 'other';
          };
          const hasData = (kind) => {
            const h1 = document.querySelector('main h1');
            if (!h1) return false;
            const title = h1.textContent.trim();
            switch (kind) {
              case 'overview': return title.startsWith('Ringkasan Kabupaten') && !!document.querySelector('main [data-table=opd] tbody tr');
              case 'comparison': return title.startsWith('Perbandingan OPD') && !!document.querySelector('main .pk-grid') && !!document.querySelector('main table tbody tr');
              case 'agency': return title !== '' && !title.startsWith('Detail OPD') && !!document.querySelector('main [data-section=cascade]');
              default: return false;
            }
          };
          const chartsDrawn = () => [...document.querySelectorAll('main .pk-chart')].every(c => c.querySelector('svg g, svg path, svg rect'));
          const check = () => {
            if (state.done !== null || state.error !== null) return;
            const now = performance.now();
            const kind = state.kind ?? kindOf();
            const alert = document.querySelector('main [role=alert]');
            if (alert) { state.error = 'page: ' + alert.textContent.trim().slice(0, 160); return; }
            const reconnect = document.getElementById('components-reconnect-modal');
            if (reconnect && (/components-reconnect-(show|failed|rejected|retrying)/.test(reconnect.className) || reconnect.open === true)) {
              state.error = 'circuit: reconnect dialog shown (' + reconnect.className + ')'; return;
            }
            const loading = !!document.querySelector('main .pk-loading');
            const mark = `${Math.round(now - state.t0)}:${loading ? 'L' : ''}${hasData(kind) ? 'D' : ''}${chartsDrawn() ? 'C' : ''}:${document.querySelector('main h1')?.textContent?.trim()?.slice(0, 20) ?? '-'}:${location.pathname}`;
            if (mark.slice(mark.indexOf(':')) !== state.lastMark) { state.lastMark = mark.slice(mark.indexOf(':')); state.trace.push(mark); if (state.trace.length > 12) state.trace.shift(); }
            if (loading && !state.loadingSeen && (!state.full || state.socketOpen !== null)) { state.loadingSeen = true; state.loadingAt = now - state.t0; }
            // A DOM change after the circuit's first messages (the handshake reply, then render batches) is the
            // circuit rendering; a page whose data came from a cache renders it without a loading state.
            if (state.full && state.messages >= 2) state.circuitRendered = true;
            if (loading) return;
            if (!state.full && location.pathname !== state.path) return;
            if (!hasData(kind)) return;
            if (state.firstData === null) state.firstData = now - state.t0;
            const live = !state.full || state.loadingSeen || state.circuitRendered;
            if (live && state.liveData === undefined) state.liveData = now - state.t0;
            if (live && chartsDrawn()) { state.done = now - state.t0; state.elements = document.getElementsByTagName('*').length; }
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
          // In-app navigation (Blazor.navigateTo, as a click on a link does): timed from the call, same circuit.
          window.__pkNavigate = (url, kind) => {
            state.kind = kind; state.path = new URL(url, location.href).pathname; state.t0 = performance.now(); state.loadingSeen = false; state.loadingAt = null; state.liveData = undefined; state.firstData = null;
            state.done = null; state.error = null; state.full = false; state.trace = []; state.lastMark = null;
            Blazor.navigateTo(url);
          };
        })();
        """;

    /// <summary>True once the page is done or failed (polled by the bench).</summary>
    public const string Settled = "() => window.__pk && (window.__pk.done !== null || window.__pk.error !== null)";

    public const string Read = """
        () => {
          const s = window.__pk, nav = performance.getEntriesByType('navigation')[0];
          return { done: s.done, firstData: s.firstData, error: s.error, loadingAt: s.loadingAt, liveData: s.liveData ?? null,
                   socketOpen: s.full ? s.socketOpen : null, responseEnd: s.full && nav ? nav.responseEnd : null, elements: s.elements };
        }
        """;
}
