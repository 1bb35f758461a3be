// Small helpers the layout calls (a file, not inline script: the CSP allows scripts from this site only).
window.pk = {
    // True where the menu overlays the page instead of standing beside it (phones; Radzen's breakpoint).
    isNarrow: function () { return window.matchMedia('(max-width: 768px)').matches; }
};
