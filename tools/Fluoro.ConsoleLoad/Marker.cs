namespace Fluoro.ConsoleLoad;

/// <summary>
/// Injected before the console loads: records, per CSS selector, the time (ms since navigation start) of the first
/// animation frame after an element matching it appeared.
/// </summary>
internal static class Marker
{
    public const string Script = """
        (() => {
          const selectors = ['svg.map text.node-name', '#trace-list tbody tr[data-trace-id]', '.tl-row'];
          const seen = window.__fluoroSeen = {};
          const check = () => {
            for (const sel of selectors) {
              if (seen[sel] || seen['pending:' + sel]) continue;
              if (document.querySelector(sel)) {
                seen['pending:' + sel] = true;
                requestAnimationFrame(() => { seen[sel] = performance.now(); });
              }
            }
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true });
        })();
        """;
}
