// The archive's search: Pagefind's index of the page's language (built by build_archive),
// opened with the words of ?q= from the header's search box.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("archive-search");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#archive-search",
    showSubResults: true,
    showImages: false,
    translations: { placeholder: element.dataset.placeholder },
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
