// On a wide screen the filters stand beside the results: open their <details> so
// browsers without ::details-content show them too. A phone keeps them behind "Filter".
document.addEventListener("DOMContentLoaded", function () {
  var filters = document.querySelector("details.filters");
  if (filters && window.matchMedia("(min-width: 50rem)").matches) {
    filters.open = true;
  }
});
