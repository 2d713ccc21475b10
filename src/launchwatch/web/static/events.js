/* launchwatch events table: the filters, the search box and the column headings bring the
   table up to date in place, and the address follows them, so that it can be shared and
   reloaded as it is.  The server renders the table either way: this script asks for the
   page the form or the link names and puts its results in, where without the script the
   browser would load that page.  <html data-table-url> is the address last shown. */
"use strict";

(function () {
  const form = document.getElementById("filters");
  const results = document.getElementById("results");
  if (!form || !results) return;
  const SEARCH_PAUSE_MS = 250;  // typing this long unbroken waits for the next key
  let generation = 0;
  let typing = null;

  /* The page's address for the form as filled in, blank fields left out. */
  function formUrl() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim()) params.append(name, value.trim());
    }
    const query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  async function show(url) {
    const mine = ++generation;
    results.setAttribute("aria-busy", "true");
    let page;
    try {
      const response = await fetch(url, { credentials: "same-origin",
                                           headers: { Accept: "text/html" } });
      page = new DOMParser().parseFromString(await response.text(), "text/html");
      if (!response.ok) {
        const problem = page.querySelector("main p") || page.querySelector("title");
        throw new Error(problem ? problem.textContent : response.statusText);
      }
    } catch (error) {
      if (mine !== generation) return;
      results.replaceChildren(LW.el("p", { class: "problem", text: error.message }));
      results.removeAttribute("aria-busy");
      return;
    }
    if (mine !== generation) return;  // a later search or sort superseded this one
    results.replaceChildren(...page.getElementById("results").childNodes);
    // The sort the new page keeps when the filters change next.
    const sort = page.querySelector("#filters input[name=sort]");
    const mineSort = form.querySelector("input[name=sort]");
    if (mineSort) mineSort.remove();
    if (sort) form.append(sort);
    results.removeAttribute("aria-busy");
    history.replaceState(null, "", url);
    document.documentElement.dataset.tableUrl = url;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (form.reportValidity()) show(formUrl());
  });
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") show(formUrl());
  });
  form.elements.q.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => show(formUrl()), SEARCH_PAUSE_MS);
  });
  results.addEventListener("click", (event) => {
    const link = event.target.closest("a.sort, .pager a");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    show(link.getAttribute("href"));
  });
  document.documentElement.dataset.tableUrl = location.pathname + location.search;
})();
