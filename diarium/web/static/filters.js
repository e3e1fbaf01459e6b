// The facets, with script (the page works without it):
// - on a wide screen the filters stand beside the results and the dates in the form:
//   open their <details> so browsers without ::details-content show them too (a phone
//   keeps them behind "Filter" and "Datum och ordning");
// - a long facet gets a filter box: typing keeps the values that contain the text, and
//   opens its "Visa fler" so matches further down show.
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 50rem)").matches) {
    document.querySelectorAll("details.filters, details.options").forEach(function (d) {
      d.open = true;
    });
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
