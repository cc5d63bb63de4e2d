// Loads js/search.js the first time the visitor reaches for the header search field (focus).
// Until then a reading page loads nothing of search. Without JavaScript the field's form opens the
// list of every section.
(() => {
  'use strict';
  const forms = document.querySelectorAll('form.search-form[data-search-js]');
  let loaded = false;
  const load = (event) => {
    if (loaded) return;
    loaded = true;
    const script = document.createElement('script');
    script.src = event.currentTarget.dataset.searchJs;
    document.head.append(script);
  };
  for (const form of forms) form.addEventListener('focusin', load);
})();
