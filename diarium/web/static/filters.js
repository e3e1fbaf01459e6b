// The facets, with script (the page works without it):
// - on a wide screen the filters stand beside the results: open their <details> so
//   browsers without ::details-content show them too (a phone keeps them behind "Filter");
// - a long facet gets a filter box: typing keeps the values that contain the text, and
//   opens its "Visa fler" so matches further down show.
document.addEventListener("DOMContentLoaded", function () {
  var filters = document.querySelector("details.filters");
  if (filters && window.matchMedia("(min-width: 50rem)").matches) {
    filters.open = true;
  }
  document.querySelectorAll("input.facet-filter").forEach(function (box) {
    var facet = box.closest("section.facet");
    box.hidden = false;
    box.addEventListener("input", function () {
      var text = box.value.trim().toLocaleLowerCase("sv");
      var more = facet.querySelector("details.more");
      if (more && text) { more.open = true; }
      facet.querySelectorAll("li").forEach(function (item) {
        var value = item.querySelector(".value").textContent.toLocaleLowerCase("sv");
        item.hidden = text !== "" && value.indexOf(text) === -1;
      });
    });
  });
});
