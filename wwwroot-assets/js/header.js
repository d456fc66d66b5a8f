// The header's cart count. Catalog pages are cached and shared by everyone in the same header state, so the one
// personal thing on them comes after load from a same-origin JSON endpoint (docs/decisions/0024); a file, not an
// inline script, because the Content-Security-Policy allows only 'self' scripts.
(function () {
  var badge = document.querySelector("[data-cart-count]");
  if (!badge || !window.fetch) return;
  fetch("/cart/count", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (body) {
      if (!body || !(body.count > 0)) return;
      badge.textContent = " (" + body.count + ")";
      badge.hidden = false;
    })
    .catch(function () { });
})();
